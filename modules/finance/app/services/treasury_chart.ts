import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { treasuryErrors } from '../treasury_errors.ts'

/** The kinds of treasury account. */
export const TREASURY_KINDS = ['cash', 'bank', 'mobile_money'] as const
export type TreasuryKind = (typeof TREASURY_KINDS)[number]

/** Mobile-money operators in DR Congo. */
export const MOBILE_MONEY_PROVIDERS = [
  'mpesa',
  'orange_money',
  'airtel_money',
  'afrimoney',
] as const
export type MobileMoneyProvider = (typeof MOBILE_MONEY_PROVIDERS)[number]

/**
 * The SYSCOHADA account each kind of treasury account is a sub-account of: 5711 cash in local
 * currency, 521 local banks, and for mobile money 552 (« monnaie électronique », the revised
 * chart's account for electronic money), 585 in charts without it.
 */
export const TREASURY_PARENTS: Record<TreasuryKind, string[]> = {
  cash: ['5711'],
  bank: ['521'],
  mobile_money: ['552', '585'],
}

/** The journal each kind of treasury account posts in. */
export const TREASURY_JOURNALS: Record<TreasuryKind, string> = {
  cash: 'CA',
  bank: 'BQ',
  mobile_money: 'MM',
}

/** TVA accounts: collected on sales (4431), deductible on purchases (4452). */
export const TAX_ACCOUNTS = { collected: '4431', deductible: '4452' } as const

/**
 * The other side of an opening balance: 121 « report à nouveau créditeur ». Money a business holds
 * when it starts its books here is part of what it brings forward, not income.
 */
export const OPENING_BALANCE_ACCOUNT = '121'

type ChartAccount = { id: string; code: string; class: number; account_type: string }

/**
 * The organisation's account for `code`: the account itself, else its nearest parent in the
 * chart (a chart that stops at 605 still books a 6052 expense on 605); null when none exists.
 */
export async function chartAccount(
  client: QueryClientContract,
  organizationId: string,
  code: string
): Promise<ChartAccount | null> {
  const prefixes = Array.from({ length: code.length }, (_, index) =>
    code.slice(0, index + 1)
  ).filter((prefix) => prefix.length >= 2)
  const row = await client
    .from('finance.accounts')
    .where('organization_id', organizationId)
    .whereIn('code', prefixes)
    .whereNull('archived_at')
    .orderByRaw('length(code) desc')
    .select('id', 'code', 'class', 'account_type')
    .first()
  return row ?? null
}

/** The first of `codes` the chart has (see `chartAccount`), or a 422 on `field`. */
export async function requireChartAccount(
  client: QueryClientContract,
  organizationId: string,
  codes: string[],
  field: string
): Promise<ChartAccount> {
  for (const code of codes) {
    const account = await chartAccount(client, organizationId, code)
    if (account) return account
  }
  throw treasuryErrors.chartAccountMissing(field, codes[0])
}

/**
 * Adds a sub-account under `parent` with the next free code (parent code and two digits: 52101,
 * 52102...), named after the treasury account.
 */
export async function addSubAccount(
  client: QueryClientContract,
  organizationId: string,
  parent: ChartAccount,
  name: string
) {
  const taken = (
    await client
      .from('finance.accounts')
      .where('organization_id', organizationId)
      .whereRaw('code ~ ?', [`^${parent.code}[0-9]{2}$`])
      .select('code')
  ).map((row: { code: string }) => row.code)
  let sequence = 1
  while (taken.includes(`${parent.code}${String(sequence).padStart(2, '0')}`)) sequence += 1
  const code = `${parent.code}${String(sequence).padStart(2, '0')}`
  const [row] = await client
    .insertQuery()
    .table('finance.accounts')
    .insert({
      organization_id: organizationId,
      code,
      class: parent.class,
      name_fr: name,
      name_en: name,
      account_type: parent.account_type,
      parent_id: parent.id,
      reconcile: true,
      origin: 'organization',
    })
    .returning(['id', 'code'])
  return row as { id: string; code: string }
}

import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { fromMinorUnits, isUuid, toMinorUnits } from '@ia/kernel/contracts'
import { ledgerPosting } from './ledger_posting.ts'
import {
  OPENING_BALANCE_ACCOUNT,
  TREASURY_JOURNALS,
  TREASURY_PARENTS,
  addSubAccount,
  requireChartAccount,
  type MobileMoneyProvider,
  type TreasuryKind,
} from './treasury_chart.ts'
import { treasuryErrors } from '../treasury_errors.ts'

/** A treasury account row with its ledger account's code and its balance in its own currency. */
export type TreasuryAccountRow = {
  id: string
  kind: TreasuryKind
  provider: MobileMoneyProvider | null
  name: string
  currency: string
  account_id: string
  account_code: string
  bank_name: string | null
  account_number: string | null
  opening_balance_minor: string
  opening_date: string
  receives_payments: boolean
  archived_at: Date | null
  balance_minor: string
}

/** What a new treasury account is. */
export type NewTreasuryAccount = {
  kind: TreasuryKind
  provider?: MobileMoneyProvider | null
  name: string
  currency: string
  bankName?: string | null
  accountNumber?: string | null
  openingBalance: string
  openingDate: string
  receivesPayments?: boolean
}

function accountsQuery(client: QueryClientContract, organizationId: string) {
  return client
    .from('finance.treasury_accounts as t')
    .join('finance.accounts as a', 'a.id', 't.account_id')
    .where('t.organization_id', organizationId)
    .select(
      't.id',
      't.kind',
      't.provider',
      't.name',
      't.currency',
      't.account_id',
      'a.code as account_code',
      't.bank_name',
      't.account_number',
      't.opening_balance_minor',
      client.raw(`to_char(t.opening_date, 'YYYY-MM-DD') as opening_date`),
      't.receives_payments',
      't.archived_at',
      client.raw(`coalesce((SELECT sum(b.amount_minor) FROM finance.daily_balances b
        WHERE b.organization_id = t.organization_id AND b.account_id = t.account_id AND b.currency = t.currency), 0)::text
        AS balance_minor`)
    )
}

/** The organisation's treasury accounts (archived ones too when asked), by kind then name. */
export async function listTreasuryAccounts(
  client: QueryClientContract,
  organizationId: string,
  options: { archived?: boolean } = {}
): Promise<TreasuryAccountRow[]> {
  const query = accountsQuery(client, organizationId).orderBy('t.kind').orderBy('t.name')
  if (!options.archived) query.whereNull('t.archived_at')
  return query
}

/** One treasury account of the organisation, or null (another organisation's id too). */
export async function findTreasuryAccount(
  client: QueryClientContract,
  organizationId: string,
  id: string
): Promise<TreasuryAccountRow | null> {
  if (!isUuid(id)) return null
  return (await accountsQuery(client, organizationId).where('t.id', id).first()) ?? null
}

/** An active treasury account of the organisation, locked for the caller's transaction, or a 422 on `field`. */
export async function requireTreasuryAccount(
  client: TransactionClientContract,
  organizationId: string,
  id: string,
  field: string
) {
  const account = await findTreasuryAccount(client, organizationId, id)
  if (!account || account.archived_at) throw treasuryErrors.accountUnknown(field)
  return account
}

/**
 * Opens a treasury account: its ledger sub-account under 571, 521 or 552, and, for a balance
 * brought in, an opening entry against 471 dated the opening day. One transaction.
 */
export async function createTreasuryAccount(
  client: TransactionClientContract,
  organizationId: string,
  input: NewTreasuryAccount,
  createdBy: string | null
) {
  if ((input.kind === 'mobile_money') !== Boolean(input.provider))
    throw treasuryErrors.providerMismatch()
  const parent = await requireChartAccount(
    client,
    organizationId,
    TREASURY_PARENTS[input.kind],
    'kind'
  )
  const ledgerAccount = await addSubAccount(client, organizationId, parent, input.name)
  let openingMinor: bigint
  try {
    openingMinor = toMinorUnits(input.openingBalance, input.currency)
  } catch {
    throw treasuryErrors.amountDigits('openingBalance', input.currency)
  }
  if (input.receivesPayments)
    await releaseReceiving(client, organizationId, input.kind, input.currency)
  const [row] = await client
    .insertQuery()
    .table('finance.treasury_accounts')
    .insert({
      organization_id: organizationId,
      kind: input.kind,
      provider: input.kind === 'mobile_money' ? input.provider : null,
      name: input.name,
      currency: input.currency,
      account_id: ledgerAccount.id,
      bank_name: input.bankName ?? null,
      account_number: input.accountNumber ?? null,
      opening_balance_minor: openingMinor.toString(),
      opening_date: input.openingDate,
      receives_payments: input.receivesPayments ?? false,
    })
    .returning('id')
  const id: string = row.id
  if (openingMinor !== 0n) {
    const amount = fromMinorUnits(openingMinor < 0n ? -openingMinor : openingMinor, input.currency)
    const suspense = await requireChartAccount(
      client,
      organizationId,
      [OPENING_BALANCE_ACCOUNT],
      'openingBalance'
    )
    const inflow = openingMinor > 0n
    await ledgerPosting.post(client, organizationId, {
      journal: TREASURY_JOURNALS[input.kind],
      date: input.openingDate,
      description: `Solde d'ouverture — ${input.name}`,
      currency: input.currency,
      source: { type: 'treasury_opening', id },
      createdBy,
      lines: [
        { account: ledgerAccount.code, ...(inflow ? { debit: amount } : { credit: amount }) },
        { account: suspense.code, ...(inflow ? { credit: amount } : { debit: amount }) },
      ],
    })
  }
  return id
}

/** The one account that receives invoice payments of a kind and currency: choosing another releases the previous one. */
async function releaseReceiving(
  client: TransactionClientContract,
  organizationId: string,
  kind: TreasuryKind,
  currency: string
) {
  await client
    .from('finance.treasury_accounts')
    .where({ organization_id: organizationId, kind, currency, receives_payments: true })
    .update({ receives_payments: false })
}

/** Renames an account, changes its bank details, makes it receive payments or archives it. */
export async function updateTreasuryAccount(
  client: TransactionClientContract,
  organizationId: string,
  id: string,
  changes: {
    name?: string
    bankName?: string | null
    accountNumber?: string | null
    receivesPayments?: boolean
    archived?: boolean
  }
) {
  const account = await findTreasuryAccount(client, organizationId, id)
  if (!account) return null
  if (changes.receivesPayments && !account.receives_payments)
    await releaseReceiving(client, organizationId, account.kind, account.currency)
  const update: Record<string, unknown> = {}
  if (changes.name !== undefined) update.name = changes.name
  if (changes.bankName !== undefined) update.bank_name = changes.bankName
  if (changes.accountNumber !== undefined) update.account_number = changes.accountNumber
  if (changes.receivesPayments !== undefined) update.receives_payments = changes.receivesPayments
  if (changes.archived !== undefined) {
    update.archived_at = changes.archived ? new Date() : null
    if (changes.archived) update.receives_payments = false
  }
  if (Object.keys(update).length)
    await client
      .from('finance.treasury_accounts')
      .where({ organization_id: organizationId, id })
      .update(update)
  if (changes.name !== undefined)
    await client
      .from('finance.accounts')
      .where({ organization_id: organizationId, id: account.account_id })
      .update({ name_fr: changes.name, name_en: changes.name })
  return findTreasuryAccount(client, organizationId, id)
}

const KIND_OF_METHOD: Record<string, TreasuryKind> = {
  cash: 'cash',
  transfer: 'bank',
  card: 'bank',
  mobile_money: 'mobile_money',
}

/**
 * Where an invoicing payment is booked: the organisation's treasury account of the payment
 * method's kind and currency that receives payments, else its only active account of that kind
 * and currency, with the kind's journal; null to leave the choice to the ledger's default
 * (the chart's 5711, 521 or 552).
 */
export async function treasuryTargetForPayment(
  client: QueryClientContract,
  organizationId: string,
  method: string,
  currency: string
): Promise<{ journal: string; account: string } | null> {
  const kind = KIND_OF_METHOD[method]
  if (!kind) return null
  const candidates = await client
    .from('finance.treasury_accounts as t')
    .join('finance.accounts as a', 'a.id', 't.account_id')
    .where({ 't.organization_id': organizationId, 't.kind': kind, 't.currency': currency })
    .whereNull('t.archived_at')
    .orderBy('t.receives_payments', 'desc')
    .orderBy('t.created_at')
    .select('a.code', 't.receives_payments')
    .limit(2)
  const chosen =
    candidates[0]?.receives_payments || candidates.length === 1 ? candidates[0] : undefined
  return chosen ? { journal: TREASURY_JOURNALS[kind], account: chosen.code } : null
}

import { readFile } from 'node:fs/promises'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { currenciesService } from '@ia/currencies/contracts'

/** A seeded account of the revised SYSCOHADA chart. */
export type ChartAccount = { code: string; accountType: string; nameEn: string; nameFr: string }

/** The journals every organisation starts with, by kind. */
export const DEFAULT_JOURNALS = [
  { code: 'VT', kind: 'sales', nameFr: 'Ventes', nameEn: 'Sales' },
  { code: 'AC', kind: 'purchases', nameFr: 'Achats', nameEn: 'Purchases' },
  { code: 'BQ', kind: 'bank', nameFr: 'Banque', nameEn: 'Bank' },
  { code: 'CA', kind: 'cash', nameFr: 'Caisse', nameEn: 'Cash' },
  { code: 'MM', kind: 'mobile_money', nameFr: 'Mobile money', nameEn: 'Mobile money' },
  { code: 'OD', kind: 'misc', nameFr: 'Opérations diverses', nameEn: 'Miscellaneous' },
] as const

const CHART_FILE = new URL('../../resources/chart/syscohada_accounts.txt', import.meta.url)
let chart: Promise<ChartAccount[]> | undefined

/** The chart's accounts, read once from the module's data file (code|account_type|name_en|name_fr). */
export function syscohadaChart(): Promise<ChartAccount[]> {
  chart ??= readFile(CHART_FILE, 'utf8').then((text) =>
    text
      .split('\n')
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [code, accountType, nameEn, nameFr] = line.split('|')
        return { code, accountType, nameEn, nameFr }
      })
  )
  return chart
}

/**
 * Creates an organisation's ledger when it enables finance: its settings (book and reporting
 * currency as they are now), the SYSCOHADA chart and the default journals. Enabling again adds nothing.
 */
export async function installLedger(organizationId: string, trx: TransactionClientContract) {
  const [bookCurrency, reportingCurrency] = await Promise.all([
    currenciesService.defaultCurrency(organizationId, { client: trx }),
    currenciesService.reportingCurrency(organizationId, { client: trx }),
  ])
  await trx.rawQuery(
    `INSERT INTO finance.settings (organization_id, book_currency, reporting_currency)
     VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    [organizationId, bookCurrency, reportingCurrency]
  )
  const accounts = await syscohadaChart()
  await trx.rawQuery(
    `INSERT INTO finance.accounts (organization_id, code, class, name_fr, name_en, account_type, reconcile, origin)
     SELECT ?, a.code, substr(a.code, 1, 1)::smallint, a.name_fr, a.name_en, a.account_type,
       a.account_type IN ('asset_receivable', 'liability_payable'), 'chart'
     FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS a(code, name_fr, name_en, account_type)
     ON CONFLICT (organization_id, code) DO NOTHING`,
    [
      organizationId,
      accounts.map((account) => account.code),
      accounts.map((account) => account.nameFr),
      accounts.map((account) => account.nameEn),
      accounts.map((account) => account.accountType),
    ]
  )
  for (const journal of DEFAULT_JOURNALS)
    await trx.rawQuery(
      `INSERT INTO finance.journals (organization_id, code, kind, name_fr, name_en)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [organizationId, journal.code, journal.kind, journal.nameFr, journal.nameEn]
    )
}

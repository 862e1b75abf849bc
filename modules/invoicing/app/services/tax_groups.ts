import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { TaxGroupCode } from '../models/tax_group.ts'
import { invoicingErrors } from '../errors.ts'

type SeededRate = { rate: string; validFrom: string; validTo?: string; note?: string }
type SeededGroup = { code: TaxGroupCode; fr: string; en: string; rates: SeededRate[] }

// VAT exists in DR Congo since 1 January 2012; the groups the 2026 finance law added start on 1 January 2026.
const VAT_START = '2012-01-01'
const LF_2026 = '2026-01-01'
const since = (rate: string, validFrom: string): SeededRate[] => [{ rate, validFrom }]

/**
 * The DGI's sixteen tax groups as its 2026 note lists them (finance law 25/060, DGI note 01/022), with
 * their rates by date: what every organisation starts with. They are data: a user adds the next rate
 * with its start date, or an exemption for a set period, and documents are taxed by their own date.
 */
export const DGI_TAX_GROUPS: readonly SeededGroup[] = [
  {
    code: 'A',
    fr: 'Exonéré ou hors champ',
    en: 'Exempt or outside the scope',
    rates: since('0', VAT_START),
  },
  {
    code: 'B',
    fr: 'TVA taux normal (16 %)',
    en: 'VAT standard rate (16%)',
    rates: since('16', VAT_START),
  },
  {
    code: 'C',
    fr: 'TVA taux réduit',
    en: 'VAT reduced rate',
    rates: [
      { rate: '8', validFrom: VAT_START, validTo: '2025-12-31' },
      { rate: '5', validFrom: LF_2026, note: 'Loi de finances 2026' },
    ],
  },
  {
    code: 'D',
    fr: 'Exonéré : régimes diplomatiques et conventions',
    en: 'Exempt: diplomatic and treaty regimes',
    rates: since('0', VAT_START),
  },
  { code: 'E', fr: 'Exportations (0 %)', en: 'Exports (0%)', rates: since('0', VAT_START) },
  {
    code: 'F',
    fr: 'Marchés publics, taux normal (16 %)',
    en: 'Public contracts, standard rate (16%)',
    rates: since('16', LF_2026),
  },
  {
    code: 'G',
    fr: 'Marchés publics, taux réduit (5 %)',
    en: 'Public contracts, reduced rate (5%)',
    rates: since('5', LF_2026),
  },
  {
    code: 'H',
    fr: 'Hors base TVA : consignations d’emballages',
    en: 'Outside the VAT base: packaging deposits',
    rates: since('0', LF_2026),
  },
  {
    code: 'I',
    fr: 'Hors base TVA : garanties et cautionnements',
    en: 'Outside the VAT base: guarantees and deposits',
    rates: since('0', LF_2026),
  },
  {
    code: 'J',
    fr: 'Hors base TVA : débours',
    en: 'Outside the VAT base: disbursements',
    rates: since('0', LF_2026),
  },
  {
    code: 'K',
    fr: 'Non assujetti (sous le seuil de TVA)',
    en: 'Not registered (below the VAT threshold)',
    rates: since('0', LF_2026),
  },
  { code: 'L', fr: 'Prélèvements et taxes parafiscales', en: 'Levies', rates: since('0', LF_2026) },
  { code: 'M', fr: 'TVA spécifique', en: 'Specific VAT', rates: since('16', LF_2026) },
  {
    code: 'N',
    fr: 'TVA spécifique sur prélèvements',
    en: 'Specific VAT on levies',
    rates: since('16', LF_2026),
  },
  { code: 'O', fr: 'Taux de 1 %', en: '1% rate', rates: since('1', LF_2026) },
  {
    code: 'P',
    fr: 'Marchés publics, taux de 1 %',
    en: 'Public contracts, 1% rate',
    rates: since('1', LF_2026),
  },
]

/** Gives an organisation the DGI's tax groups and their rates, in the caller's transaction (module enabling). */
export async function seedTaxGroups(organizationId: string, trx: TransactionClientContract) {
  const groups: Array<{ id: string; code: string }> = await trx
    .insertQuery()
    .table('invoicing.tax_groups')
    .multiInsert(
      DGI_TAX_GROUPS.map((group) => ({
        organization_id: organizationId,
        code: group.code,
        label_fr: group.fr,
        label_en: group.en,
      }))
    )
    .returning(['id', 'code'])
  const idOf = new Map(groups.map((group) => [group.code, group.id]))
  await trx
    .insertQuery()
    .table('invoicing.tax_rates')
    .multiInsert(
      DGI_TAX_GROUPS.flatMap((group) =>
        group.rates.map((rate) => ({
          organization_id: organizationId,
          tax_group_id: idOf.get(group.code),
          rate: rate.rate,
          valid_from: rate.validFrom,
          valid_to: rate.validTo ?? null,
          note: rate.note ?? null,
        }))
      )
    )
}

/**
 * The rate (percent, decimal string) of each of `codes` on `date` (YYYY-MM-DD), in one query: among
 * the periods covering the date, the one that started last (an exemption over the open-ended rate).
 * An unknown group or a date no period covers is a 422 on the field `fieldOf(code)` names.
 */
export async function taxRatesOn(
  organizationId: string,
  codes: string[],
  date: string,
  client: QueryClientContract,
  fieldOf: (code: string) => string
): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)]
  const { rows } = await client.rawQuery(
    `SELECT g.code, r.rate::text AS rate
       FROM invoicing.tax_groups g
       LEFT JOIN LATERAL (
         SELECT rate FROM invoicing.tax_rates
          WHERE tax_group_id = g.id AND valid_from <= ?::date AND (valid_to IS NULL OR valid_to >= ?::date)
          ORDER BY valid_from DESC LIMIT 1
       ) r ON true
      WHERE g.organization_id = ? AND g.code = ANY(?::text[])`,
    [date, date, organizationId, wanted]
  )
  const rates = new Map<string, string | null>(
    (rows as Array<{ code: string; rate: string | null }>).map((row) => [row.code, row.rate])
  )
  for (const code of wanted) {
    if (!rates.has(code)) throw invoicingErrors.taxGroupUnknown(fieldOf(code), code)
    if (rates.get(code) === null) throw invoicingErrors.taxRateMissing(fieldOf(code), code, date)
  }
  return rates as Map<string, string>
}

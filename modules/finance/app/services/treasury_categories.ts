import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { chartAccount } from './treasury_chart.ts'
import { treasuryErrors } from '../treasury_errors.ts'

/** What a category is used for. */
export const CATEGORY_KINDS = ['income', 'expense'] as const
export type CategoryKind = (typeof CATEGORY_KINDS)[number]

/**
 * The categories a shopkeeper picks from, in plain words, each booked on its SYSCOHADA account
 * (the nearest parent the organisation's chart has when it stops higher up).
 */
export const DEFAULT_CATEGORIES: {
  key: string
  kind: CategoryKind
  fr: string
  en: string
  account: string
}[] = [
  {
    key: 'goods',
    kind: 'expense',
    fr: 'Achat de marchandises',
    en: 'Goods for resale',
    account: '6011',
  },
  { key: 'supplies', kind: 'expense', fr: 'Fournitures', en: 'Supplies', account: '6047' },
  {
    key: 'utilities',
    kind: 'expense',
    fr: 'Eau et électricité',
    en: 'Water and power',
    account: '6052',
  },
  { key: 'fuel', kind: 'expense', fr: 'Carburant', en: 'Fuel', account: '6053' },
  { key: 'rent', kind: 'expense', fr: 'Loyer', en: 'Rent', account: '6222' },
  { key: 'transport', kind: 'expense', fr: 'Transport', en: 'Transport', account: '6181' },
  {
    key: 'maintenance',
    kind: 'expense',
    fr: 'Entretien et réparations',
    en: 'Repairs and upkeep',
    account: '6248',
  },
  { key: 'advertising', kind: 'expense', fr: 'Publicité', en: 'Advertising', account: '6271' },
  {
    key: 'telecom',
    kind: 'expense',
    fr: 'Téléphone et internet',
    en: 'Phone and internet',
    account: '6281',
  },
  {
    key: 'bank_fees',
    kind: 'expense',
    fr: 'Frais bancaires et mobile money',
    en: 'Bank and mobile-money fees',
    account: '6318',
  },
  { key: 'fees', kind: 'expense', fr: 'Honoraires', en: 'Professional fees', account: '6324' },
  { key: 'taxes', kind: 'expense', fr: 'Impôts et taxes', en: 'Taxes and duties', account: '6418' },
  { key: 'salaries', kind: 'expense', fr: 'Salaires', en: 'Salaries', account: '6611' },
  {
    key: 'other_expense',
    kind: 'expense',
    fr: 'Autres dépenses',
    en: 'Other expenses',
    account: '6588',
  },
  {
    key: 'sales',
    kind: 'income',
    fr: 'Ventes de marchandises',
    en: 'Sales of goods',
    account: '7011',
  },
  {
    key: 'services',
    kind: 'income',
    fr: 'Prestations de services',
    en: 'Services',
    account: '7061',
  },
  {
    key: 'other_income',
    kind: 'income',
    fr: 'Autres revenus',
    en: 'Other income',
    account: '7588',
  },
]

/** A category as the API shows it. */
export type CategoryRow = {
  id: string
  kind: CategoryKind
  key: string | null
  name_fr: string
  name_en: string
  account_id: string
  account_code: string
}

/** Adds the default categories the organisation does not have yet (those whose account the chart lacks are left out). */
export async function ensureCategories(client: QueryClientContract, organizationId: string) {
  const existing = (
    await client
      .from('finance.categories')
      .where('organization_id', organizationId)
      .whereNotNull('key')
      .select('key')
  ).map((row: { key: string }) => row.key)
  const missing = DEFAULT_CATEGORIES.filter((category) => !existing.includes(category.key))
  if (!missing.length) return
  const rows = []
  for (const category of missing) {
    const account = await chartAccount(client, organizationId, category.account)
    if (!account) continue
    rows.push({
      organization_id: organizationId,
      kind: category.kind,
      key: category.key,
      name_fr: category.fr,
      name_en: category.en,
      account_id: account.id,
    })
  }
  if (rows.length)
    await client
      .knexQuery()
      .table('finance.categories')
      .insert(rows)
      .onConflict(['organization_id', 'key'])
      .ignore()
}

/** The organisation's active categories joined with their accounts' codes. */
function categoriesQuery(client: QueryClientContract, organizationId: string) {
  return client
    .from('finance.categories as c')
    .join('finance.accounts as a', 'a.id', 'c.account_id')
    .where('c.organization_id', organizationId)
    .whereNull('c.archived_at')
    .select(
      'c.id',
      'c.kind',
      'c.key',
      'c.name_fr',
      'c.name_en',
      'c.account_id',
      'a.code as account_code'
    )
}

/** The organisation's active categories with their account codes, seeding the defaults on first use. */
export async function listCategories(client: QueryClientContract, organizationId: string) {
  await ensureCategories(client, organizationId)
  return (await categoriesQuery(client, organizationId)
    .orderBy('c.kind')
    .orderBy('c.name_fr')) as CategoryRow[]
}

/** The category `id` of the organisation (and of `kind` when given), or a 422 on `field`. */
export async function requireCategory(
  client: QueryClientContract,
  organizationId: string,
  id: string,
  kind: CategoryKind | null,
  field: string
): Promise<CategoryRow> {
  const row = await categoriesQuery(client, organizationId).where('c.id', id).first()
  if (!row || (kind && row.kind !== kind)) throw treasuryErrors.categoryUnknown(field)
  return row
}

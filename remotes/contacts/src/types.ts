import type { Contact } from '@ia/sdk'

export type { Contact }

/** Whether a contact is a company or an individual. */
export type ContactKind = Contact['kind']

/** Role filter of the list: customers or suppliers. */
export type ContactRole = 'customer' | 'supplier'

/** Which contacts the list shows with respect to archiving. */
export type ArchivedFilter = 'false' | 'true' | 'all'

/** Column the list can be sorted by. */
export type ContactSortKey = 'name' | 'createdAt' | 'updatedAt'

/** Filters shared by the list and the CSV export. */
export interface ContactFilters {
  /** Free text, matched by the server without regard to accents or case. */
  q: string
  kind: ContactKind | ''
  role: ContactRole | ''
  tag: string
  archived: ArchivedFilter
}

/** Everything the list request sends: filters, page and order. */
export interface ContactListParams extends ContactFilters {
  page: number
  perPage: number
  sort: ContactSortKey
  order: 'asc' | 'desc'
}

/** Currencies a contact may prefer. */
export const CONTACT_CURRENCIES = ['CDF', 'USD', 'EUR'] as const

/** Body of a create or update request. */
export interface ContactInput {
  kind: ContactKind
  name: string
  isCustomer: boolean
  isSupplier: boolean
  email?: string | null
  phone?: string | null
  address?: string | null
  city?: string | null
  country?: string | null
  rccm?: string | null
  idNat?: string | null
  nif?: string | null
  preferredCurrency?: (typeof CONTACT_CURRENCIES)[number] | null
  preferredLocale?: 'fr' | 'en' | null
  tags?: string[]
  notes?: string | null
}

/** One problem found in a CSV row. */
export interface ImportRowError {
  field: string
  message: string
}

/** One CSV row as the server read it. */
export interface ImportPreviewRow {
  line: number
  data: Record<string, unknown>
  errors: ImportRowError[]
}

/** What the server found in a CSV file before importing it. */
export interface ImportPreview {
  rows: ImportPreviewRow[]
  valid: number
  invalid: number
}

/** Outcome of an import: valid rows are created in one transaction, the others skipped. */
export interface ImportResult {
  imported: number
  skipped: number
  errors: unknown[]
}

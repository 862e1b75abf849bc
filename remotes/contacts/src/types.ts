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

/** Everything the list request sends: filters, order, page size and where the previous page ended. */
export interface ContactListParams extends ContactFilters {
  perPage: number
  sort: ContactSortKey
  order: 'asc' | 'desc'
  /** `meta.nextCursor` of the previous page; absent for the first page. */
  cursor?: string
}

/** One keyset page of contacts. */
export interface ContactCursorPage {
  data: Contact[]
  meta: {
    perPage: number
    /** Contacts matching the filters; sent with the first page only. */
    total: number | null
    /** Token of the next page; null on the last one. */
    nextCursor: string | null
  }
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

/** One problem of a row the import refused, with the line of the file it is on. */
export interface ImportLineError extends ImportRowError {
  line: number
}

/** Where an import stands: waiting for or inside its job, done, or refused as a whole. */
export type ContactImportStatus = 'queued' | 'completed' | 'failed'

/** A confirmed import, run by a background job; counts and errors are filled once it is done. */
export interface ContactImport {
  id: string
  /** The job running it, as live progress messages name it. */
  jobId: string
  status: ContactImportStatus
  fileName: string
  /** Data rows of the file. */
  rows: number
  /** Contacts created; null until completed. */
  imported: number | null
  /** Rows refused; null until completed. */
  skipped: number | null
  /** Problems of the refused rows, in the language of the user who imported. */
  errors: ImportLineError[]
  /** Why the whole file was refused, when it was. */
  error: { code: string; message: string } | null
  createdAt: string
  finishedAt: string | null
}

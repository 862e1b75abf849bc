import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import {
  countryCode,
  currencyCode,
  drCongoIdentifier,
  MAX_PAGE,
  normalizePhoneNumber,
} from '@ia/kernel/contracts'
import { CONTACT_KINDS, CONTACT_LOCALES } from '../models/contact.ts'
import { IMPORT_FIELDS, type ImportField } from '../services/contact_columns.ts'

const MAX_TAGS = 20

/**
 * Replaces a phone number by its E.164 form; a number without an international prefix is read
 * in the contact's country (the one sent, else the stored one given as `meta.storedCountry`),
 * else in the organisation's (`meta.organizationCountry`).
 */
const phoneNumber = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    const sent = field.parent?.country
    const stored = field.meta?.storedCountry
    const country =
      typeof sent === 'string' && sent.trim()
        ? sent.trim()
        : typeof stored === 'string'
          ? stored
          : field.meta?.organizationCountry
    const normalized = normalizePhoneNumber(value, typeof country === 'string' ? country : null)
    if (!normalized) {
      field.report('Enter a valid phone number.', 'phoneNumber', field)
      return
    }
    field.mutate(normalized, field)
  },
  { name: 'phoneNumber' }
)

/** Lower-case, single-spaced, without duplicates: tags compare and filter case-insensitively. */
const normalizedTags = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    // An array rule runs before its items are validated: a `null` or an object among the tags is
    // left for the item rule to report (422 on `tags.N`) instead of failing here.
    if (!Array.isArray(value) || !value.every((tag) => typeof tag === 'string')) return
    field.mutate([...new Set(value.map((tag) => tag.replace(/\s+/g, ' ').toLowerCase()))], field)
  },
  { name: 'normalizedTags' }
)

const optionalText = (max: number) => vine.string().trim().maxLength(max).nullable().optional()

const fields = {
  isCustomer: vine.boolean().optional(),
  isSupplier: vine.boolean().optional(),
  email: vine.string().trim().maxLength(254).email().toLowerCase().nullable().optional(),
  phone: vine.string().trim().maxLength(40).use(phoneNumber()).nullable().optional(),
  address: optionalText(300),
  city: optionalText(100),
  country: vine.string().trim().toUpperCase().use(countryCode()).nullable().optional(),
  rccm: vine.string().trim().maxLength(60).use(drCongoIdentifier('rccm')).nullable().optional(),
  idNat: vine.string().trim().maxLength(60).use(drCongoIdentifier('idNat')).nullable().optional(),
  nif: vine.string().trim().maxLength(60).use(drCongoIdentifier('nif')).nullable().optional(),
  preferredCurrency: vine.string().trim().toUpperCase().use(currencyCode()).nullable().optional(),
  preferredLocale: vine.enum(CONTACT_LOCALES).nullable().optional(),
  tags: vine
    .array(vine.string().trim().minLength(1).maxLength(40))
    .maxLength(MAX_TAGS)
    .use(normalizedTags())
    .optional(),
  notes: vine.string().trim().maxLength(5000).nullable().optional(),
}

/** What a contact's rules read besides its fields: the organisation's country, and the contact's stored one on an update. */
type ContactValidationMeta = { organizationCountry: string; storedCountry?: string | null }

/** Create a contact (also each row of a CSV import). */
export const createContactValidator = vine.withMetaData<ContactValidationMeta>().create({
  kind: vine.enum(CONTACT_KINDS),
  name: vine.string().trim().minLength(1).maxLength(200),
  ...fields,
})

/** Change some of a contact's fields. */
export const updateContactValidator = vine.withMetaData<ContactValidationMeta>().create({
  kind: vine.enum(CONTACT_KINDS).optional(),
  name: vine.string().trim().minLength(1).maxLength(200).optional(),
  ...fields,
})

/** The filters of the list and of the CSV export. */
const filters = {
  q: vine.string().trim().maxLength(100).optional(),
  kind: vine.enum(CONTACT_KINDS).optional(),
  role: vine.enum(['customer', 'supplier'] as const).optional(),
  tag: vine.string().trim().maxLength(40).toLowerCase().optional(),
  archived: vine.enum(['false', 'true', 'all'] as const).optional(),
  sort: vine.enum(['name', 'createdAt', 'updatedAt'] as const).optional(),
  order: vine.enum(['asc', 'desc'] as const).optional(),
}

/** Page through contacts. */
export const listContactsValidator = vine.create({
  ...filters,
  page: vine.number().withoutDecimals().range([1, MAX_PAGE]).optional(),
  perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
  /** `cursor` pages by keyset (`meta.nextCursor`) instead of page numbers; a `cursor` implies it. */
  paging: vine.enum(['page', 'cursor'] as const).optional(),
  cursor: vine.string().maxLength(2000).optional(),
})

/** Export contacts as CSV. */
export const exportContactsValidator = vine.create(filters)

/** A column of the file (0 for the first), or null for a field the import leaves empty. */
const mappedColumn = () => vine.number().withoutDecimals().range([0, 999]).nullable().optional()

/**
 * Upload a CSV file to import. `mapping` (sent as `mapping[name]=0`, `mapping[email]=3`...) says
 * which column fills which field when the headers do not; sent, it replaces the headers' mapping.
 */
export const importContactsValidator = vine.create({
  file: vine.file({ size: '2mb', extnames: ['csv', 'txt'] }),
  mapping: vine
    .object(
      Object.fromEntries(IMPORT_FIELDS.map((field) => [field, mappedColumn()])) as Record<
        ImportField,
        ReturnType<typeof mappedColumn>
      >
    )
    .optional(),
})

import type { Contact, ContactInput, ContactKind } from '../types'

/** What the contact form edits: text inputs hold strings, tags are typed comma-separated. */
export interface ContactFormValues {
  kind: ContactKind
  name: string
  isCustomer: boolean
  isSupplier: boolean
  email: string
  phone: string
  address: string
  city: string
  country: string
  rccm: string
  idNat: string
  nif: string
  preferredCurrency: string
  preferredLocale: string
  tags: string
  notes: string
}

/** A field of the contact form. */
export type ContactField = keyof ContactFormValues

/** A client-side validation message: an i18n key under `contacts.validation` and its parameters. */
export interface FieldProblem {
  key: 'required' | 'email' | 'phone' | 'tooLong' | 'tooManyTags'
  params?: Record<string, number>
}

/** Longest value accepted per text field. */
export const MAX_LENGTHS: Partial<Record<ContactField, number>> = {
  name: 200,
  email: 254,
  phone: 40,
  address: 300,
  city: 100,
  rccm: 60,
  idNat: 60,
  nif: 60,
  notes: 5000,
}

/** Most tags a contact may carry, and the longest tag. */
export const TAG_LIMITS = { count: 20, length: 40 } as const

const TEXT_FIELDS = [
  'email',
  'phone',
  'address',
  'city',
  'country',
  'rccm',
  'idNat',
  'nif',
  'preferredCurrency',
  'notes',
] as const

// Deliberately loose: the server owns the real rules; this only catches typos before a round trip.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE_CHARACTERS = /^[\d\s().\/+-]+$/

/** A blank form for a new contact: a company customer in the organisation's country (DR Congo unless said). */
export function emptyContactForm(country = 'CD'): ContactFormValues {
  return {
    kind: 'company',
    name: '',
    isCustomer: true,
    isSupplier: false,
    email: '',
    phone: '',
    address: '',
    city: '',
    country,
    rccm: '',
    idNat: '',
    nif: '',
    preferredCurrency: '',
    preferredLocale: '',
    tags: '',
    notes: '',
  }
}

/** The form values showing an existing contact. */
export function contactToForm(contact: Contact): ContactFormValues {
  return {
    kind: contact.kind,
    name: contact.name,
    isCustomer: contact.isCustomer,
    isSupplier: contact.isSupplier,
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    address: contact.address ?? '',
    city: contact.city ?? '',
    country: contact.country ?? '',
    rccm: contact.rccm ?? '',
    idNat: contact.idNat ?? '',
    nif: contact.nif ?? '',
    preferredCurrency: contact.preferredCurrency ?? '',
    preferredLocale: contact.preferredLocale ?? '',
    tags: contact.tags.join(', '),
    notes: contact.notes ?? '',
  }
}

/** Splits typed tags on commas, trims them and drops blanks and duplicates (case-insensitively). */
export function parseTags(text: string): string[] {
  const seen = new Set<string>()
  const tags: string[] = []
  for (const raw of text.split(',')) {
    const tag = raw.trim()
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase())
      tags.push(tag)
    }
  }
  return tags
}

/**
 * The request body for the form. Blank optional fields become `null` so that an update clears them;
 * a creation leaves them out.
 */
export function formToInput(values: ContactFormValues, mode: 'create' | 'update'): ContactInput {
  const input: ContactInput = {
    kind: values.kind,
    name: values.name.trim(),
    isCustomer: values.isCustomer,
    isSupplier: values.isSupplier,
    tags: parseTags(values.tags),
  }
  for (const field of TEXT_FIELDS) {
    const value = values[field].trim()
    if (value) input[field] = value
    else if (mode === 'update') input[field] = null
  }
  const locale = values.preferredLocale
  if (locale === 'fr' || locale === 'en') input.preferredLocale = locale
  else if (mode === 'update') input.preferredLocale = null
  return input
}

/** Problems the browser can see before sending the form, by field. */
export function validateContactForm(
  values: ContactFormValues
): Partial<Record<ContactField, FieldProblem>> {
  const problems: Partial<Record<ContactField, FieldProblem>> = {}
  if (!values.name.trim()) problems.name = { key: 'required' }
  const email = values.email.trim()
  if (email && !EMAIL_PATTERN.test(email)) problems.email = { key: 'email' }
  const phone = values.phone.trim()
  if (phone) {
    const digits = phone.replace(/\D/g, '').length
    if (!PHONE_CHARACTERS.test(phone) || digits < 6 || digits > 15)
      problems.phone = { key: 'phone' }
  }
  const tags = parseTags(values.tags)
  if (tags.length > TAG_LIMITS.count)
    problems.tags = { key: 'tooManyTags', params: { max: TAG_LIMITS.count } }
  else if (tags.some((tag) => tag.length > TAG_LIMITS.length))
    problems.tags = { key: 'tooLong', params: { max: TAG_LIMITS.length } }
  for (const [field, max] of Object.entries(MAX_LENGTHS) as [ContactField, number][]) {
    const value = values[field]
    if (!problems[field] && typeof value === 'string' && value.trim().length > max) {
      problems[field] = { key: 'tooLong', params: { max } }
    }
  }
  return problems
}

/** Whether a name is a field of the contact form, to place a server error under it. */
export function isContactField(name: string): name is ContactField {
  return name in emptyContactForm()
}

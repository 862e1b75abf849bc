import vine from '@vinejs/vine'
import { countryCode, drCongoIdentifier, MAX_PAGE } from '@ia/kernel/contracts'

/** IANA time zones known to the runtime. */
export const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone')

/** ISO 4217 codes the platform handles, DR Congo's first. */
export const CURRENCIES = [
  'CDF',
  'USD',
  'EUR',
  'XAF',
  'XOF',
  'RWF',
  'UGX',
  'KES',
  'TZS',
  'ZAR',
  'AOA',
  'BIF',
  'ZMW',
] as const

const currency = () => vine.enum(CURRENCIES)
const optionalText = (max: number) => vine.string().trim().maxLength(max).nullable().optional()

/** Create an organisation. */
export const createOrganizationValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(120),
  defaultCurrency: currency().optional(),
  locale: vine.enum(['fr', 'en'] as const).optional(),
})

/**
 * Change an organisation's settings; the registration numbers of an organisation in DR Congo (the
 * country sent, else the stored one given as `meta.storedCountry`) must have their official shapes.
 */
export const updateOrganizationValidator = vine.withMetaData<{ storedCountry: string }>().create({
  name: vine.string().trim().minLength(2).maxLength(120).optional(),
  legalName: optionalText(200),
  rccm: vine.string().trim().maxLength(60).use(drCongoIdentifier('rccm')).nullable().optional(),
  idNat: vine.string().trim().maxLength(60).use(drCongoIdentifier('idNat')).nullable().optional(),
  nif: vine.string().trim().maxLength(60).use(drCongoIdentifier('nif')).nullable().optional(),
  address: optionalText(300),
  city: optionalText(100),
  country: vine.string().trim().toUpperCase().use(countryCode()).optional(),
  timeZone: vine
    .string()
    .trim()
    .in(TIME_ZONES as string[])
    .optional(),
  phone: optionalText(30),
  email: vine.string().trim().email().maxLength(254).nullable().optional(),
  defaultCurrency: currency().optional(),
  reportingCurrency: currency().optional(),
  locale: vine.enum(['fr', 'en'] as const).optional(),
})

/** Upload a logo (its size and type are checked on its bytes by the files service). */
export const logoValidator = vine.create({
  logo: vine.file(),
})

/** Change a member's role (ownership moves only by transfer). */
export const updateMemberValidator = vine.create({
  role: vine.enum(['admin', 'member'] as const),
})

/** Invite someone by email. */
export const createInvitationValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
  role: vine.enum(['admin', 'member'] as const),
})

/** Hand ownership to another member. */
export const transferOwnershipValidator = vine.create({
  memberId: vine.string().uuid(),
})

/** Page through a list. */
export const pageValidator = vine.create({
  page: vine.number().withoutDecimals().range([1, MAX_PAGE]).optional(),
  perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
})

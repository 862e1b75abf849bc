import vine from '@vinejs/vine'
import { CATEGORIES, KNOWN_SCOPES } from '../services/scopes.ts'

/** Opening a vendor profile. */
export const createVendorValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(120),
  prefix: vine
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9]{1,19}$/),
  email: vine.string().trim().email().maxLength(254),
  website: vine
    .string()
    .trim()
    .url({ protocols: ['https'], require_protocol: true })
    .maxLength(300)
    .optional(),
})

/** Registering a signing key. */
export const addVendorKeyValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(100),
  publicKey: vine.string().trim().minLength(40).maxLength(1000),
})

/** The package upload. */
export const uploadPackageValidator = vine.create({
  package: vine.file({ size: '20mb' }),
})

/** Where a module's granted events are delivered. */
export const webhookSettingsValidator = vine.create({
  url: vine
    .string()
    .trim()
    .url({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
    .maxLength(500),
})

/** A platform administrator's decision on a vendor or a version. */
export const reviewValidator = vine.create({
  decision: vine.enum(['approve', 'reject'] as const),
  reason: vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(2000)
    .optional()
    .requiredWhen('decision', '=', 'reject'),
  audited: vine.boolean().optional(),
})

/** Which organisations a version is offered to. */
export const rolloutValidator = vine.create({
  percent: vine.number().withoutDecimals().range([0, 100]),
  organizations: vine.array(vine.string().uuid()).maxLength(500).distinct().optional(),
})

/** Searching the catalogue. */
export const catalogueQueryValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  category: vine.enum(CATEGORIES).optional(),
})

/** Installing or upgrading: the version, and the scopes the admin consents to (exactly those it asks for). */
export const installValidator = vine.create({
  versionId: vine.string().uuid(),
  consentedScopes: vine.array(vine.enum(KNOWN_SCOPES)).distinct(),
})

/** A tenant admin's API key for an integration. */
export const createApiKeyValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(100),
  scopes: vine.array(vine.enum(KNOWN_SCOPES)).minLength(1).distinct(),
})

/** Upgrading to the highest offered version: consent is needed only when it asks for more scopes. */
export const upgradeValidator = vine.create({
  consentedScopes: vine.array(vine.enum(KNOWN_SCOPES)).distinct().optional(),
})

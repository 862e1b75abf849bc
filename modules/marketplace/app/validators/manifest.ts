import vine from '@vinejs/vine'
import type { FieldContext, Infer } from '@vinejs/vine/types'
import semver from 'semver'
import { CATEGORIES, KNOWN_SCOPES, WEBHOOK_EVENTS } from '../services/scopes.ts'

/** A strict semantic version (`1.4.0`, `2.0.0-beta.1`), no `v` prefix. */
const semanticVersion = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value === 'string' && semver.valid(value) !== value)
      field.report('Enter a semantic version such as 1.2.0.', 'semver', field)
  },
  { name: 'semver' }
)

/** A semver range of platform versions (`^0.1.0`, `>=0.1 <2`). */
const versionRange = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value === 'string' && semver.validRange(value) === null)
      field.report('Enter a version range such as ^0.1.0.', 'semverRange', field)
  },
  { name: 'semverRange' }
)

const localized = (max: number) =>
  vine.object({
    fr: vine.string().trim().minLength(1).maxLength(max),
    en: vine.string().trim().minLength(1).maxLength(max),
  })
/** A file of the package, by its path. */
const packagePath = () => vine.string().maxLength(200)
const hostname = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/

/** The module.json of a vendor package. Nothing else in the package is read before it passes. */
export const vendorManifestValidator = vine.create(
  vine.object({
    id: vine.string().regex(/^[a-z][a-z0-9]{1,19}-[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$/),
    version: vine.string().maxLength(40).use(semanticVersion()),
    name: localized(80),
    description: localized(2000),
    changelog: localized(5000),
    category: vine.enum(CATEGORIES),
    icon: packagePath(),
    screenshots: vine.array(packagePath()).maxLength(8),
    platform: vine.string().maxLength(100).use(versionRange()),
    scopes: vine.array(vine.enum(KNOWN_SCOPES)).distinct(),
    remote: vine.object({
      name: vine.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,60}$/),
      routeBase: vine.string().regex(/^\/[a-z0-9-]{1,60}$/),
      navigation: vine
        .array(
          vine.object({
            path: vine.string().regex(/^\/[a-z0-9\-/]{1,120}$/),
            label: localized(60),
            icon: vine.string().maxLength(40).optional(),
          })
        )
        .maxLength(10),
    }),
    webhooks: vine
      .object({ events: vine.array(vine.enum(Object.keys(WEBHOOK_EVENTS))).distinct() })
      .optional(),
    hosts: vine
      .array(vine.string().toLowerCase().regex(hostname))
      .maxLength(20)
      .distinct()
      .optional(),
  })
)

/** A vendor module's manifest once checked. */
export type VendorManifest = Infer<typeof vendorManifestValidator>

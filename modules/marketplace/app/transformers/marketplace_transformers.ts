/*
 * The marketplace's response shapes, each declared once (OpenAPI component and serializer).
 */
import semver from 'semver'
import {
  defineSerializer,
  isoTimestamp,
  isoTimestampOrNull,
  Type,
  wire,
} from '@ia/kernel/contracts'
import type Vendor from '../models/vendor.ts'
import type VendorKey from '../models/vendor_key.ts'
import type Listing from '../models/listing.ts'
import type ModuleVersion from '../models/module_version.ts'
import type Install from '../models/install.ts'
import type WebhookDelivery from '../models/webhook_delivery.ts'
import type ApiKey from '../models/api_key.ts'
import { filesBase } from '../services/vendor_modules.ts'

const localized = Type.Object({ fr: Type.String(), en: Type.String() })
const scopes = Type.Array(Type.String(), { description: 'Scopes such as `contacts:read`.' })

/** A vendor's signing key (the public half only). */
export const serializeVendorKey = defineSerializer(
  'MarketplaceVendorKey',
  Type.Object({
    id: wire.uuid(),
    name: Type.String(),
    fingerprint: Type.String({ description: 'SHA-256 of the key (DER), hex.' }),
    publicKey: Type.String({ description: 'SPKI PEM.' }),
    revokedAt: wire.dateTimeOrNull(),
    createdAt: wire.dateTime(),
  }),
  (key: VendorKey) => ({
    id: key.id,
    name: key.name,
    fingerprint: key.fingerprint,
    publicKey: key.publicKey,
    revokedAt: isoTimestampOrNull(key.revokedAt),
    createdAt: isoTimestamp(key.createdAt),
  })
)

/** A vendor profile as its owner and platform administrators see it. */
export const serializeVendor = defineSerializer(
  'MarketplaceVendor',
  Type.Object({
    id: wire.uuid(),
    name: Type.String(),
    prefix: Type.String({ description: 'Every module id of the vendor starts with `<prefix>-`.' }),
    email: Type.String(),
    website: wire.text(),
    status: wire.oneOf(['pending', 'approved', 'rejected'] as const),
    audited: Type.Boolean({
      description: "Audited vendors' modules run in the page; the others in a sandboxed iframe.",
    }),
    reviewReason: wire.text('Why a platform administrator decided so.'),
    reviewedAt: wire.dateTimeOrNull(),
    createdAt: wire.dateTime(),
    keys: Type.Array(serializeVendorKey.schema),
  }),
  ({ vendor, keys }: { vendor: Vendor; keys: VendorKey[] }) => ({
    id: vendor.id,
    name: vendor.name,
    prefix: vendor.prefix,
    email: vendor.email,
    website: vendor.website,
    status: vendor.status,
    audited: vendor.audited,
    reviewReason: vendor.reviewReason,
    reviewedAt: isoTimestampOrNull(vendor.reviewedAt),
    createdAt: isoTimestamp(vendor.createdAt),
    keys: keys.map(serializeVendorKey),
  })
)

/** One uploaded version, as its vendor and platform administrators see it. */
export const serializeModuleVersion = defineSerializer(
  'MarketplaceModuleVersion',
  Type.Object({
    id: wire.uuid(),
    moduleId: Type.String(),
    version: Type.String(),
    status: wire.oneOf(['submitted', 'approved', 'rejected'] as const),
    reviewReason: wire.text('Why it was rejected (or a note on approval), for the vendor.'),
    reviewedAt: wire.dateTimeOrNull(),
    scopes,
    changelog: localized,
    files: Type.Array(
      Type.Object({
        path: Type.String(),
        hash: Type.String({ description: 'SHA-384, SRI form.' }),
        size: Type.Integer(),
      })
    ),
    archiveSize: Type.Integer(),
    rolloutPercent: Type.Integer({
      description: 'Share of organisations it is offered to (stable per organisation).',
    }),
    rolloutOrganizations: Type.Array(Type.String({ format: 'uuid' }), {
      description: 'Organisations it is offered to whatever the percentage.',
    }),
    withdrawnAt: wire.dateTimeOrNull('Rolled back: offered to nobody.'),
    createdAt: wire.dateTime(),
  }),
  ({ version, listing }: { version: ModuleVersion; listing: Listing }) => ({
    id: version.id,
    moduleId: listing.moduleId,
    version: version.version,
    status: version.status,
    reviewReason: version.reviewReason,
    reviewedAt: isoTimestampOrNull(version.reviewedAt),
    scopes: version.scopes,
    changelog: version.manifest.changelog,
    files: Object.entries(version.files)
      .map(([path, file]) => ({ path, hash: file.hash, size: file.size }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
    archiveSize: version.archiveSize,
    rolloutPercent: version.rolloutPercent,
    rolloutOrganizations: version.rolloutOrganizations,
    withdrawnAt: isoTimestampOrNull(version.withdrawnAt),
    createdAt: isoTimestamp(version.createdAt),
  })
)

/** One of a vendor's modules: its versions and review states, installs, webhook. */
export const serializeVendorListing = defineSerializer(
  'MarketplaceVendorListing',
  Type.Object({
    id: wire.uuid(),
    moduleId: Type.String(),
    webhookUrl: wire.text('Where granted events are POSTed.'),
    installs: Type.Integer({ description: 'Organisations that have it installed.' }),
    versions: Type.Array(serializeModuleVersion.schema, { description: 'Newest first.' }),
  }),
  ({
    listing,
    versions,
    installs,
  }: {
    listing: Listing
    versions: ModuleVersion[]
    installs: number
  }) => ({
    id: listing.id,
    moduleId: listing.moduleId,
    webhookUrl: listing.webhookUrl,
    installs,
    versions: [...versions]
      .sort((a, b) => semver.rcompare(a.version, b.version))
      .map((version) => serializeModuleVersion({ version, listing })),
  })
)

/** What changed since the previous version, for the reviewer. */
export function versionDiff(version: ModuleVersion, previous: ModuleVersion | undefined) {
  const before = previous?.files ?? {}
  return {
    previousVersion: previous?.version ?? null,
    filesAdded: Object.keys(version.files)
      .filter((path) => !(path in before))
      .sort(),
    filesRemoved: Object.keys(before)
      .filter((path) => !(path in version.files))
      .sort(),
    filesChanged: Object.keys(version.files)
      .filter((path) => path in before && before[path].hash !== version.files[path].hash)
      .sort(),
    scopesAdded: version.scopes.filter((scope) => !(previous?.scopes ?? []).includes(scope)),
    scopesRemoved: (previous?.scopes ?? []).filter((scope) => !version.scopes.includes(scope)),
  }
}

const names = Type.Array(Type.String())

/** A submitted version as a platform administrator reviews it. */
export const serializeReviewItem = defineSerializer(
  'MarketplaceReviewItem',
  Type.Object({
    version: serializeModuleVersion.schema,
    vendor: Type.Object({ id: wire.uuid(), name: Type.String(), audited: Type.Boolean() }),
    manifest: Type.Record(Type.String(), Type.Unknown(), {
      description: 'The module.json as uploaded.',
    }),
    diff: Type.Object(
      {
        previousVersion: wire.text(),
        filesAdded: names,
        filesRemoved: names,
        filesChanged: names,
        scopesAdded: names,
        scopesRemoved: names,
      },
      { description: 'Against the highest earlier version (none for a first version).' }
    ),
  }),
  ({
    version,
    listing,
    vendor,
    previous,
  }: {
    version: ModuleVersion
    listing: Listing
    vendor: Vendor
    previous?: ModuleVersion
  }) => ({
    version: serializeModuleVersion({ version, listing }),
    vendor: { id: vendor.id, name: vendor.name, audited: vendor.audited },
    manifest: version.manifest as unknown as Record<string, unknown>,
    diff: versionDiff(version, previous),
  })
)

/** An approved version as a platform administrator rolls it out or back. */
export const serializeRelease = defineSerializer(
  'MarketplaceRelease',
  Type.Object({
    version: serializeModuleVersion.schema,
    name: localized,
    vendor: Type.Object({ id: wire.uuid(), name: Type.String(), audited: Type.Boolean() }),
    installs: Type.Integer({ description: 'Organisations pinned to this version.' }),
  }),
  ({
    version,
    listing,
    vendor,
    installs,
  }: {
    version: ModuleVersion
    listing: Listing
    vendor: Vendor
    installs: number
  }) => ({
    version: serializeModuleVersion({ version, listing }),
    name: version.manifest.name,
    vendor: { id: vendor.id, name: vendor.name, audited: vendor.audited },
    installs,
  })
)

/** An organisation's install of a vendor module. */
export const serializeInstall = defineSerializer(
  'MarketplaceInstall',
  Type.Object({
    id: wire.uuid(),
    moduleId: Type.String(),
    versionId: wire.uuid(),
    version: Type.String({ description: 'The pinned version: nothing upgrades by itself.' }),
    scopes: Type.Array(Type.String(), { description: 'Granted by consent.' }),
    enabled: Type.Boolean(),
    createdAt: wire.dateTime(),
    updatedAt: wire.dateTime(),
  }),
  ({
    install,
    listing,
    version,
  }: {
    install: Install
    listing: Listing
    version: ModuleVersion
  }) => ({
    id: install.id,
    moduleId: listing.moduleId,
    versionId: version.id,
    version: version.version,
    scopes: install.scopes,
    enabled: install.enabled,
    createdAt: isoTimestamp(install.createdAt),
    updatedAt: isoTimestamp(install.updatedAt),
  })
)

/** What the catalogue lists of a module, and what its page shows. */
export type CatalogueEntry = {
  listing: Listing
  vendor: Vendor
  latest: ModuleVersion
  versions: ModuleVersion[]
  installs: number
  install: Install | null
  installedVersion: ModuleVersion | null
  scopeDescriptions: Record<string, string>
}

const catalogueFields = {
  moduleId: Type.String(),
  name: localized,
  description: localized,
  category: Type.String(),
  vendor: Type.Object({ name: Type.String(), audited: Type.Boolean() }),
  latestVersion: Type.Object(
    { id: wire.uuid(), version: Type.String(), scopes },
    { description: 'The highest version offered to this organisation.' }
  ),
  icon: Type.String({ description: 'URL of the icon.' }),
  installs: Type.Integer({ description: 'Organisations that have it installed.' }),
  installed: Type.Union(
    [
      Type.Object({ id: wire.uuid(), version: Type.String(), enabled: Type.Boolean() }),
      Type.Null(),
    ],
    {
      description: "This organisation's install, if any.",
    }
  ),
}

function catalogueItem(entry: CatalogueEntry) {
  const base = filesBase(entry.listing.moduleId, entry.latest.version)
  return {
    moduleId: entry.listing.moduleId,
    name: entry.latest.manifest.name,
    description: entry.latest.manifest.description,
    category: entry.latest.manifest.category,
    vendor: { name: entry.vendor.name, audited: entry.vendor.audited },
    latestVersion: {
      id: entry.latest.id,
      version: entry.latest.version,
      scopes: entry.latest.scopes,
    },
    icon: base + entry.latest.manifest.icon,
    installs: entry.installs,
    installed:
      entry.install && entry.installedVersion
        ? {
            id: entry.install.id,
            version: entry.installedVersion.version,
            enabled: entry.install.enabled,
          }
        : null,
  }
}

/** A module in the catalogue list. */
export const serializeCatalogueModule = defineSerializer(
  'MarketplaceCatalogueModule',
  Type.Object(catalogueFields),
  catalogueItem
)

/** A module's catalogue page: screenshots, versions and changelog, scopes explained, outside hosts, webhook events. */
export const serializeCatalogueModulePage = defineSerializer(
  'MarketplaceCatalogueModulePage',
  Type.Object({
    ...catalogueFields,
    screenshots: Type.Array(Type.String(), { description: 'URLs.' }),
    scopes: Type.Array(
      Type.Object({
        scope: Type.String(),
        description: Type.String({ description: "In the reader's language." }),
      })
    ),
    hosts: Type.Array(Type.String(), {
      description: 'Outside hosts the module calls (nothing else is allowed).',
    }),
    webhookEvents: Type.Array(Type.String()),
    versions: Type.Array(
      Type.Object({
        id: wire.uuid(),
        version: Type.String(),
        changelog: localized,
        scopes,
        createdAt: wire.dateTime(),
      }),
      {
        description: 'Versions offered to this organisation, newest first.',
      }
    ),
  }),
  (entry: CatalogueEntry) => {
    const base = filesBase(entry.listing.moduleId, entry.latest.version)
    return {
      ...catalogueItem(entry),
      screenshots: entry.latest.manifest.screenshots.map((path) => base + path),
      scopes: entry.latest.scopes.map((scope) => ({
        scope,
        description: entry.scopeDescriptions[scope] ?? scope,
      })),
      hosts: entry.latest.manifest.hosts ?? [],
      webhookEvents: entry.latest.manifest.webhooks?.events ?? [],
      versions: [...entry.versions]
        .sort((a, b) => semver.rcompare(a.version, b.version))
        .map((version) => ({
          id: version.id,
          version: version.version,
          changelog: version.manifest.changelog,
          scopes: version.scopes,
          createdAt: isoTimestamp(version.createdAt),
        })),
    }
  }
)

/** One webhook delivery as its vendor reads it in the log. */
export const serializeWebhookDelivery = defineSerializer(
  'MarketplaceWebhookDelivery',
  Type.Object({
    id: wire.uuid(),
    organizationId: wire.uuid(),
    event: Type.String(),
    status: wire.oneOf(
      ['pending', 'delivered', 'failed'] as const,
      '`pending` while attempts remain (retried with exponential backoff).'
    ),
    attempts: Type.Integer(),
    lastStatusCode: wire.integerOrNull(
      'HTTP status of the last attempt; null when no answer came.'
    ),
    lastError: wire.text(),
    deliveredAt: wire.dateTimeOrNull(),
    createdAt: wire.dateTime(),
  }),
  (delivery: WebhookDelivery) => ({
    id: delivery.id,
    organizationId: delivery.organizationId,
    event: delivery.event,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    deliveredAt: isoTimestampOrNull(delivery.deliveredAt),
    createdAt: isoTimestamp(delivery.createdAt),
  })
)

/** A tenant admin's API key (never its secret, shown once at creation). */
export const serializeApiKey = defineSerializer(
  'MarketplaceApiKey',
  Type.Object({
    id: wire.uuid(),
    name: Type.String(),
    scopes,
    lastUsedAt: wire.dateTimeOrNull('To the minute; null when never used.'),
    revokedAt: wire.dateTimeOrNull(),
    createdAt: wire.dateTime(),
  }),
  ({ key, lastUsedAt }: { key: ApiKey; lastUsedAt: string | null }) => ({
    id: key.id,
    name: key.name,
    scopes: key.scopes,
    lastUsedAt,
    revokedAt: isoTimestampOrNull(key.revokedAt),
    createdAt: isoTimestamp(key.createdAt),
  })
)

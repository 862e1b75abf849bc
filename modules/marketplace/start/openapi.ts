/*
 * The marketplace's part of the API reference (loaded by the platform): one description per route.
 */
import { describeRoute, listOf, Type, wire, wrapped } from '@ia/kernel/contracts'
import {
  serializeCatalogueModule,
  serializeCatalogueModulePage,
  serializeInstall,
  serializeModuleVersion,
  serializeRelease,
  serializeReviewItem,
  serializeVendor,
  serializeVendorKey,
  serializeVendorListing,
  serializeWebhookDelivery,
  serializeApiKey,
} from '../app/transformers/marketplace_transformers.ts'
import {
  addVendorKeyValidator,
  catalogueQueryValidator,
  createApiKeyValidator,
  createVendorValidator,
  installValidator,
  reviewValidator,
  rolloutValidator,
  upgradeValidator,
  uploadPackageValidator,
  webhookSettingsValidator,
} from '../app/validators/marketplace.ts'

const tags = ['Marketplace']
const orgId = 'The organisation id (uuid).'
const vendor = wrapped('vendor', serializeVendor.ref)
const version = wrapped('version', serializeModuleVersion.ref)
const install = wrapped('install', serializeInstall.ref)
const noVendor = 'The signed-in user has no vendor profile: `E_VENDOR_MISSING`.'
const adminOnly = 'Platform administrators only: anyone else gets 404.'
const forbidden = 'The caller lacks the permission: `E_FORBIDDEN`.'
const installId = 'The install id (uuid).'
const versionId = 'The version id (uuid).'

describeRoute('GET /api/v1/marketplace/access', {
  operationId: 'getMarketplaceAccess',
  summary:
    'What the signed-in user may do in the marketplace: their vendor profile (null when none) and whether they are a platform administrator',
  tags,
  responses: {
    200: {
      description: 'The access.',
      schema: Type.Object({
        platformAdmin: Type.Boolean(),
        vendor: wire.nullable(serializeVendor.schema),
      }),
    },
  },
})
describeRoute('GET /api/v1/marketplace/vendor', {
  operationId: 'getMyVendor',
  summary: "The signed-in user's vendor profile and signing keys",
  tags,
  responses: { 200: { description: 'The profile.', schema: vendor }, 404: noVendor },
})
describeRoute('POST /api/v1/marketplace/vendor', {
  operationId: 'openVendorProfile',
  summary: 'Open a vendor profile (a platform administrator approves it)',
  tags,
  request: createVendorValidator,
  requestExample: {
    name: 'Acme Logiciels',
    prefix: 'acme',
    email: 'contact@acme.example',
    website: 'https://acme.example',
  },
  responses: {
    201: { description: 'The profile, pending.', schema: vendor },
    409: 'The user has a profile already: `E_VENDOR_EXISTS`.',
  },
})
describeRoute('POST /api/v1/marketplace/vendor/keys', {
  operationId: 'addVendorKey',
  summary: 'Register an Ed25519 public key (PEM, or the raw 32 bytes in base64)',
  tags,
  request: addVendorKeyValidator,
  requestExample: { name: 'CI', publicKey: 'SU5zQ6ctcjbWbF73nWlcRd0VtJEzCnr9yuu7IRNmpV0=' },
  responses: {
    201: { description: 'The key.', schema: wrapped('key', serializeVendorKey.ref) },
    404: noVendor,
  },
})
describeRoute('POST /api/v1/marketplace/vendor/keys/:keyId/revoke', {
  operationId: 'revokeVendorKey',
  summary: 'Revoke a signing key: it signs no new upload',
  tags,
  params: { keyId: 'The key id (uuid).' },
  responses: { 200: { description: 'The key.', schema: wrapped('key', serializeVendorKey.ref) } },
})
describeRoute('POST /api/v1/marketplace/vendor/packages', {
  operationId: 'uploadVendorPackage',
  summary: 'Upload a signed package (.tar.gz or .zip) of a new version',
  description:
    'The package holds `module.json`, the built remote (`remoteEntry.js` and its chunks), `integrity.json` (`{ "files": { "<path>": "sha384-…" } }`, ' +
    'every file but itself and `signature.json`) and `signature.json` (`{ "signature": "<base64>" }`: Ed25519 over the canonical hash list, one ' +
    '`<hash> <path>\\n` line per file sorted by path). Everything is checked before anything is stored; each refusal is a 422 whose `field` names ' +
    'the file (its path in the archive, or `package`) or the manifest field (`module.json:<field>`).',
  tags,
  request: uploadPackageValidator,
  responses: {
    201: { description: 'The version, submitted for review.', schema: version },
    403: 'The vendor profile is not approved: `E_VENDOR_NOT_APPROVED`.',
    404: noVendor,
  },
})
describeRoute('GET /api/v1/marketplace/vendor/listings', {
  operationId: 'listVendorModules',
  summary: "The vendor's modules: versions and review states, installs count",
  tags,
  responses: {
    200: { description: 'Every module of the vendor.', schema: listOf(serializeVendorListing.ref) },
    404: noVendor,
  },
})

describeRoute('PUT /api/v1/marketplace/vendor/listings/:listingId/webhook', {
  operationId: 'setVendorWebhook',
  summary:
    "Set where the module's granted events are POSTed; answers a new signing secret, shown once",
  description:
    'Each delivery carries `x-ia-webhook-timestamp` (Unix seconds) and `x-ia-webhook-signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">` ' +
    'keyed by the secret; refuse a timestamp older than five minutes. Only https URLs on public addresses: anything else is a 422 ' +
    '`E_WEBHOOK_URL_NOT_ALLOWED` on `url`.',
  tags,
  params: { listingId: 'The id of one of your modules (uuid).' },
  request: webhookSettingsValidator,
  requestExample: { url: 'https://93.184.215.14/ia-solution' },
  responses: {
    200: {
      description: 'The URL and its secret.',
      schema: {
        type: 'object',
        properties: {
          webhook: {
            type: 'object',
            properties: { url: { type: 'string' }, secret: { type: 'string' } },
            required: ['url', 'secret'],
          },
        },
        required: ['webhook'],
      },
    },
  },
})
describeRoute('GET /api/v1/marketplace/vendor/listings/:listingId/deliveries', {
  operationId: 'listVendorWebhookDeliveries',
  summary: "The module's latest webhook deliveries (100), newest first",
  tags,
  params: { listingId: 'The id of one of your modules (uuid).' },
  responses: {
    200: { description: 'The delivery log.', schema: listOf(serializeWebhookDelivery.ref) },
  },
})

describeRoute('GET /api/v1/admin/marketplace/vendors', {
  operationId: 'listMarketplaceVendors',
  summary: 'Every vendor profile (platform administrators)',
  tags,
  responses: {
    200: { description: 'The vendors.', schema: listOf(serializeVendor.ref) },
    404: adminOnly,
  },
})
describeRoute('POST /api/v1/admin/marketplace/vendors/:vendorId/review', {
  operationId: 'reviewMarketplaceVendor',
  summary: 'Approve (optionally as audited: its modules run unsandboxed) or reject a vendor',
  tags,
  params: { vendorId: 'The vendor id (uuid).' },
  request: reviewValidator,
  requestExample: { decision: 'approve', audited: false },
  responses: { 200: { description: 'The vendor.', schema: vendor }, 404: adminOnly },
})
describeRoute('GET /api/v1/admin/marketplace/submissions', {
  operationId: 'listMarketplaceSubmissions',
  summary:
    'Versions waiting for review, with manifest, files and the diff against the previous version',
  tags,
  responses: {
    200: { description: 'Oldest first.', schema: listOf(serializeReviewItem.ref) },
    404: adminOnly,
  },
})
describeRoute('GET /api/v1/admin/marketplace/releases', {
  operationId: 'listMarketplaceReleases',
  summary:
    'Approved versions with their roll-out, vendor and installs, newest review first (what roll-out and roll-back act on)',
  tags,
  responses: {
    200: { description: 'Newest review first.', schema: listOf(serializeRelease.ref) },
    404: adminOnly,
  },
})
describeRoute('POST /api/v1/admin/marketplace/versions/:versionId/review', {
  operationId: 'reviewMarketplaceVersion',
  summary:
    "Approve (counter-signing its hash list with the marketplace's key) or reject, with a reason the vendor reads",
  tags,
  params: { versionId },
  request: reviewValidator,
  requestExample: {
    decision: 'reject',
    reason: 'Le module demande contacts:write sans en expliquer la raison.',
  },
  responses: {
    200: { description: 'The version.', schema: version },
    404: adminOnly,
    409: 'Already reviewed: `E_VERSION_ALREADY_REVIEWED`.',
    503: 'No `MARKETPLACE_SIGNING_KEY` is configured: `E_MARKETPLACE_KEY_MISSING`.',
  },
})
describeRoute('PUT /api/v1/admin/marketplace/versions/:versionId/rollout', {
  operationId: 'setMarketplaceRollout',
  summary: 'Offer a version to a share of organisations and to named ones (staged roll-out)',
  tags,
  params: { versionId },
  request: rolloutValidator,
  requestExample: { percent: 25, organizations: [] },
  responses: { 200: { description: 'The version.', schema: version }, 404: adminOnly },
})
describeRoute('POST /api/v1/admin/marketplace/versions/:versionId/rollback', {
  operationId: 'rollBackMarketplaceVersion',
  summary:
    'Roll a version back: offered to nobody, its installs moved back to the previous version',
  tags,
  params: { versionId },
  responses: {
    200: {
      description: 'The version and how many installs moved.',
      schema: {
        type: 'object',
        properties: { version: serializeModuleVersion.ref, movedInstalls: { type: 'integer' } },
        required: ['version', 'movedInstalls'],
      },
    },
    404: adminOnly,
  },
})

describeRoute('GET /api/v1/orgs/:orgId/marketplace/scopes', {
  operationId: 'listMarketplaceScopes',
  summary:
    "Every scope a vendor module or an API key may be granted, explained in the reader's language",
  tags,
  permission: 'marketplace.catalog.read',
  params: { orgId },
  responses: {
    200: {
      description: 'In the order the consent screen lists them.',
      schema: Type.Object({
        data: Type.Array(Type.Object({ scope: Type.String(), description: Type.String() })),
      }),
    },
    403: forbidden,
  },
})
describeRoute('GET /api/v1/orgs/:orgId/marketplace/modules', {
  operationId: 'listCatalogueModules',
  summary: 'The catalogue: vendor modules offered to the organisation',
  tags,
  permission: 'marketplace.catalog.read',
  params: { orgId },
  query: catalogueQueryValidator,
  responses: {
    200: { description: 'Matching modules.', schema: listOf(serializeCatalogueModule.ref) },
    403: forbidden,
  },
})
describeRoute('GET /api/v1/orgs/:orgId/marketplace/modules/:vendorModuleId', {
  operationId: 'getCatalogueModule',
  summary: "A module's catalogue page",
  tags,
  permission: 'marketplace.catalog.read',
  params: { orgId, vendorModuleId: 'The vendor module id, e.g. `acme-timesheets`.' },
  responses: {
    200: { description: 'The page.', schema: wrapped('module', serializeCatalogueModulePage.ref) },
    403: forbidden,
  },
})
describeRoute('GET /api/v1/orgs/:orgId/marketplace/installs', {
  operationId: 'listMarketplaceInstalls',
  summary: "The organisation's installed vendor modules",
  tags,
  permission: 'marketplace.catalog.read',
  params: { orgId },
  responses: {
    200: { description: 'The installs.', schema: listOf(serializeInstall.ref) },
    403: forbidden,
  },
})
describeRoute('POST /api/v1/orgs/:orgId/marketplace/installs', {
  operationId: 'installVendorModule',
  summary: 'Install a version, consenting to exactly the scopes it asks for',
  tags,
  permission: 'marketplace.install.manage',
  params: { orgId },
  request: installValidator,
  requestExample: {
    versionId: '00000000-0000-4000-8000-000000000000',
    consentedScopes: ['contacts:read'],
  },
  responses: {
    201: { description: 'The install.', schema: install },
    403: forbidden,
    409: 'Installed already: `E_MODULE_ALREADY_INSTALLED`.',
  },
})
describeRoute('POST /api/v1/orgs/:orgId/marketplace/installs/:installId/upgrade', {
  operationId: 'upgradeVendorModule',
  summary: 'Upgrade to the highest version offered (consent again when it asks for more scopes)',
  tags,
  permission: 'marketplace.install.manage',
  params: { orgId, installId },
  request: upgradeValidator,
  requestExample: {},
  responses: {
    200: {
      description: 'The install (unchanged when on the highest version already).',
      schema: install,
    },
    403: forbidden,
  },
})
for (const [action, summary] of [
  ['enable', 'Enable an installed vendor module'],
  ['disable', 'Disable an installed vendor module (kept installed and pinned)'],
] as const) {
  describeRoute(`POST /api/v1/orgs/:orgId/marketplace/installs/:installId/${action}`, {
    operationId: `${action}VendorModule`,
    summary,
    tags,
    permission: 'marketplace.install.manage',
    params: { orgId, installId },
    responses: { 200: { description: 'The install.', schema: install }, 403: forbidden },
  })
}
describeRoute('DELETE /api/v1/orgs/:orgId/marketplace/installs/:installId', {
  operationId: 'uninstallVendorModule',
  summary: 'Uninstall a vendor module',
  tags,
  permission: 'marketplace.install.manage',
  params: { orgId, installId },
  responses: { 204: 'Uninstalled.', 403: forbidden },
})

const scopedCalls =
  'A scoped token (`Bearer iasc_…`) reaches only its organisation (any other answers 404) and only routes whose permission needs a granted ' +
  'scope (`contacts.contact.update` needs `contacts:write`); anything else, routes declaring no permission included, answers 403 `E_SCOPE_DENIED`.'
describeRoute('POST /api/v1/orgs/:orgId/marketplace/installs/:installId/token', {
  operationId: 'issueVendorModuleToken',
  summary:
    "A short-lived token for an installed vendor module, bound to the organisation, the member and the module's granted scopes",
  description: `Lives 15 minutes; disabling or uninstalling the module ends it. ${scopedCalls}`,
  tags,
  permission: 'marketplace.catalog.read',
  params: { orgId, installId },
  responses: {
    200: {
      description: 'The token (its secret, once).',
      schema: {
        type: 'object',
        properties: {
          token: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              token: { type: 'string' },
              expiresAt: { type: ['string', 'null'], format: 'date-time' },
              moduleId: { type: 'string' },
              scopes: { type: 'array', items: { type: 'string' } },
            },
            required: ['id', 'token', 'expiresAt', 'moduleId', 'scopes'],
          },
        },
        required: ['token'],
      },
    },
    403: forbidden,
  },
})
describeRoute('GET /api/v1/orgs/:orgId/marketplace/api-keys', {
  operationId: 'listApiKeys',
  summary: "The organisation's API keys for integrations, with when each was last used",
  tags,
  permission: 'marketplace.apikey.manage',
  params: { orgId },
  responses: {
    200: { description: 'Newest first.', schema: listOf(serializeApiKey.ref) },
    403: forbidden,
  },
})
describeRoute('POST /api/v1/orgs/:orgId/marketplace/api-keys', {
  operationId: 'createApiKey',
  summary: 'Create a scoped API key (its secret is shown once)',
  description: scopedCalls,
  tags,
  permission: 'marketplace.apikey.manage',
  params: { orgId },
  request: createApiKeyValidator,
  requestExample: { name: 'Comptabilité externe', scopes: ['contacts:read'] },
  responses: {
    201: {
      description: 'The key and its secret.',
      schema: {
        type: 'object',
        properties: { apiKey: serializeApiKey.ref, token: { type: 'string' } },
        required: ['apiKey', 'token'],
      },
    },
    403: forbidden,
  },
})
describeRoute('POST /api/v1/orgs/:orgId/marketplace/api-keys/:apiKeyId/revoke', {
  operationId: 'revokeApiKey',
  summary: 'Revoke an API key: it stops working at once',
  tags,
  permission: 'marketplace.apikey.manage',
  params: { orgId, apiKeyId: 'The API key id (uuid).' },
  responses: {
    200: { description: 'The key.', schema: wrapped('apiKey', serializeApiKey.ref) },
    403: forbidden,
  },
})

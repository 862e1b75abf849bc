/*
 * The marketplace wire types, all read from the SDK's generated OpenAPI types (the backend's serializers
 * and validators): none is written here by hand.
 */
import type { ApiOperations, Schemas, WireBody, WireOperation, WireQuery } from '@ia/sdk'

/** The JSON a generated operation answers with its first success status. */
type Answer<Operation extends keyof ApiOperations> = ApiOperations[Operation]['responses'] extends {
  200: { content: { 'application/json': infer Body } }
}
  ? Body
  : ApiOperations[Operation]['responses'] extends {
        201: { content: { 'application/json': infer Body } }
      }
    ? Body
    : never

/** The JSON body a generated operation takes. */
type Input<Operation extends keyof ApiOperations> = ApiOperations[Operation] extends {
  requestBody: { content: { 'application/json': infer Body } }
}
  ? Body
  : never

/** A text in both languages. */
export type Localized = Schemas['MarketplaceCatalogueModule']['name']

/** A module of the catalogue list. */
export type CatalogueModule = Schemas['MarketplaceCatalogueModule']

/** A module's catalogue page. */
export type CatalogueModulePage = Schemas['MarketplaceCatalogueModulePage']

/** The catalogue's search and category filter. */
export type CatalogueQuery = NonNullable<WireQuery<WireOperation<'get', '/marketplace/modules'>>>

/** A category of the catalogue. */
export type Category = NonNullable<CatalogueQuery['category']>

/** A scope and what it lets a module do, in the reader's language. */
export type ScopeDescription = CatalogueModulePage['scopes'][number]

/** A scope a module or an API key may be granted. */
export type Scope = WireBody<WireOperation<'post', '/marketplace/api-keys'>>['scopes'][number]

/** The organisation's install of a vendor module. */
export type Install = Schemas['MarketplaceInstall']

/** An API key of the organisation (never its secret). */
export type ApiKey = Schemas['MarketplaceApiKey']

/** A new API key and its secret, shown once. */
export type CreatedApiKey = { apiKey: ApiKey; token: string }

/** What the signed-in user may do in the marketplace. */
export type MarketplaceAccess = Answer<'getMarketplaceAccess'>

/** A vendor profile with its keys. */
export type Vendor = Schemas['MarketplaceVendor']

/** A vendor's registered signing key. */
export type VendorKey = Schemas['MarketplaceVendorKey']

/** Opening a vendor profile. */
export type VendorInput = Input<'openVendorProfile'>

/** Registering a signing key. */
export type VendorKeyInput = Input<'addVendorKey'>

/** An uploaded version as its vendor and platform administrators see it. */
export type ModuleVersion = Schemas['MarketplaceModuleVersion']

/** One of the vendor's modules with its versions and installs. */
export type VendorListing = Schemas['MarketplaceVendorListing']

/** One webhook delivery of the vendor's log. */
export type WebhookDelivery = Schemas['MarketplaceWebhookDelivery']

/** A submitted version with its manifest and diff, as the reviewer sees it. */
export type ReviewItem = Schemas['MarketplaceReviewItem']

/** An approved version with its roll-out, vendor and installs. */
export type Release = Schemas['MarketplaceRelease']

/** A platform administrator's decision on a vendor or a version. */
export type ReviewDecision = Input<'reviewMarketplaceVersion'>

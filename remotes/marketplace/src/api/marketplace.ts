import { http, useApi } from '@ia/sdk'
import type {
  ApiKey,
  CatalogueModule,
  CatalogueModulePage,
  CatalogueQuery,
  CreatedApiKey,
  Install,
  MarketplaceAccess,
  ModuleVersion,
  Release,
  ReviewDecision,
  ReviewItem,
  Scope,
  ScopeDescription,
  Vendor,
  VendorInput,
  VendorKey,
  VendorKeyInput,
  VendorListing,
  WebhookDelivery,
} from '../types'
import { postFormWithProgress, type UploadProgress } from './upload'

const VENDOR = '/api/v1/marketplace/vendor'
const ADMIN = '/api/v1/admin/marketplace'

// The organisation's side.

/** Every scope a module or an API key may be granted, explained in the user's language. */
export async function listScopes(): Promise<ScopeDescription[]> {
  return (await useApi().get('/marketplace/scopes')).data
}

/** The modules offered to the organisation, filtered by a search and a category. */
export async function listCatalogue(query: CatalogueQuery = {}): Promise<CatalogueModule[]> {
  return (await useApi().get('/marketplace/modules', { query })).data
}

/** One module's page: screenshots, versions and changelog, scopes explained. */
export async function getCatalogueModule(moduleId: string): Promise<CatalogueModulePage> {
  return (
    await useApi().get('/marketplace/modules/{vendorModuleId}', {
      path: { vendorModuleId: moduleId },
    })
  ).module
}

/** The organisation's installs of vendor modules. */
export async function listInstalls(): Promise<Install[]> {
  return (await useApi().get('/marketplace/installs')).data
}

/** Installs a version after consenting to exactly the scopes it asks for. */
export async function installModule(versionId: string, consentedScopes: Scope[]): Promise<Install> {
  return (await useApi().post('/marketplace/installs', { body: { versionId, consentedScopes } }))
    .install
}

/** Upgrades to the highest offered version; consent is needed when it asks for more scopes. */
export async function upgradeInstall(
  installId: string,
  consentedScopes?: Scope[]
): Promise<Install> {
  return (
    await useApi().post('/marketplace/installs/{installId}/upgrade', {
      path: { installId },
      body: { consentedScopes },
    })
  ).install
}

/** Turns an installed module on or off for the organisation. */
export async function setInstallEnabled(installId: string, enabled: boolean): Promise<Install> {
  const path = enabled
    ? ('/marketplace/installs/{installId}/enable' as const)
    : ('/marketplace/installs/{installId}/disable' as const)
  return (await useApi().post(path, { path: { installId } })).install
}

/** Removes a module from the organisation. */
export async function uninstallModule(installId: string): Promise<void> {
  await useApi().delete('/marketplace/installs/{installId}', { path: { installId } })
}

/** The organisation's API keys, newest first. */
export async function listApiKeys(): Promise<ApiKey[]> {
  return (await useApi().get('/marketplace/api-keys')).data
}

/** Creates a scoped API key; its secret is in the answer and nowhere else. */
export function createApiKey(input: { name: string; scopes: Scope[] }): Promise<CreatedApiKey> {
  return useApi().post('/marketplace/api-keys', { body: input })
}

/** Revokes an API key: it stops working at once. */
export async function revokeApiKey(apiKeyId: string): Promise<ApiKey> {
  return (await useApi().post('/marketplace/api-keys/{apiKeyId}/revoke', { path: { apiKeyId } }))
    .apiKey
}

// The signed-in user's side: vendor profile, keys, uploads.

/** The user's vendor profile, if any, and whether they are a platform administrator. */
export function getAccess(): Promise<MarketplaceAccess> {
  return http.get('/api/v1/marketplace/access')
}

/** Opens a vendor profile, pending a platform administrator's approval. */
export async function openVendorProfile(input: VendorInput): Promise<Vendor> {
  return (await http.post<{ vendor: Vendor }>(VENDOR, input)).vendor
}

/** Registers an Ed25519 public key (SPKI PEM) that signs the vendor's packages. */
export async function addVendorKey(input: VendorKeyInput): Promise<VendorKey> {
  return (await http.post<{ key: VendorKey }>(`${VENDOR}/keys`, input)).key
}

/** Revokes a signing key: it signs no new upload. */
export async function revokeVendorKey(keyId: string): Promise<VendorKey> {
  return (await http.post<{ key: VendorKey }>(`${VENDOR}/keys/${encodeURIComponent(keyId)}/revoke`))
    .key
}

/** Uploads a package (checked before anything is stored); the new version, submitted for review. */
export async function uploadPackage(
  file: File,
  onProgress: UploadProgress,
  signal?: AbortSignal
): Promise<ModuleVersion> {
  const form = new FormData()
  form.append('package', file)
  return (
    await postFormWithProgress<{ version: ModuleVersion }>(
      `${VENDOR}/packages`,
      form,
      onProgress,
      signal
    )
  ).version
}

/** The vendor's modules with their versions, review states and installs. */
export async function listVendorModules(): Promise<VendorListing[]> {
  return (await http.get<{ data: VendorListing[] }>(`${VENDOR}/listings`)).data
}

/** Sets where a module's granted events are POSTed; the answer holds the signing secret, shown once. */
export async function setWebhook(
  listingId: string,
  url: string
): Promise<{ url: string; secret: string }> {
  return (
    await http.put<{ webhook: { url: string; secret: string } }>(
      `${VENDOR}/listings/${encodeURIComponent(listingId)}/webhook`,
      { url }
    )
  ).webhook
}

/** The latest webhook deliveries of a module. */
export async function listDeliveries(listingId: string): Promise<WebhookDelivery[]> {
  return (
    await http.get<{ data: WebhookDelivery[] }>(
      `${VENDOR}/listings/${encodeURIComponent(listingId)}/deliveries`
    )
  ).data
}

// Platform administrators (404 to anyone else).

/** Every vendor profile. */
export async function listVendors(): Promise<Vendor[]> {
  return (await http.get<{ data: Vendor[] }>(`${ADMIN}/vendors`)).data
}

/** Approves (optionally as audited) or rejects a vendor. */
export async function reviewVendor(vendorId: string, decision: ReviewDecision): Promise<Vendor> {
  return (
    await http.post<{ vendor: Vendor }>(
      `${ADMIN}/vendors/${encodeURIComponent(vendorId)}/review`,
      decision
    )
  ).vendor
}

/** Versions waiting for review, oldest first. */
export async function listSubmissions(): Promise<ReviewItem[]> {
  return (await http.get<{ data: ReviewItem[] }>(`${ADMIN}/submissions`)).data
}

/** Approves (counter-signing) or rejects a version with a reason the vendor reads. */
export async function reviewVersion(
  versionId: string,
  decision: ReviewDecision
): Promise<ModuleVersion> {
  return (
    await http.post<{ version: ModuleVersion }>(
      `${ADMIN}/versions/${encodeURIComponent(versionId)}/review`,
      decision
    )
  ).version
}

/** Approved versions with roll-out, vendor and installs. */
export async function listReleases(): Promise<Release[]> {
  return (await http.get<{ data: Release[] }>(`${ADMIN}/releases`)).data
}

/** Offers a version to this share of organisations. */
export async function setRollout(versionId: string, percent: number): Promise<ModuleVersion> {
  return (
    await http.put<{ version: ModuleVersion }>(
      `${ADMIN}/versions/${encodeURIComponent(versionId)}/rollout`,
      { percent }
    )
  ).version
}

/** Withdraws a version: offered to nobody, its installs moved back to the previous version. */
export function rollBackVersion(
  versionId: string
): Promise<{ version: ModuleVersion; movedInstalls: number }> {
  return http.post(`${ADMIN}/versions/${encodeURIComponent(versionId)}/rollback`)
}

/*
 * Test helpers of the marketplace: example packages (built, hashed and signed as the vendor kit does),
 * archives written by hand (links, `..` paths, bombs), and a published world for the platform's
 * generated security tests (`@ia/marketplace/testing`).
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { gzipSync } from 'node:zlib'
import tar from 'tar-stream'
import yazl from 'yazl'
import type { ApiClient } from '@japa/api-client'
import type { Organization, User } from '@ia/platform/testing'

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64'
)

/** A vendor's signing key pair, with the public half as the API takes it. */
export function vendorKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  return { privateKey, publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString() }
}

/** A valid module.json of a vendor module, with `overrides` merged over it. */
export function exampleManifest(
  moduleId: string,
  version: string,
  overrides: Record<string, unknown> = {}
) {
  return {
    id: moduleId,
    version,
    name: { fr: 'Feuilles de temps', en: 'Timesheets' },
    description: { fr: 'Saisie des heures par projet.', en: 'Hours per project.' },
    changelog: { fr: `Version ${version}.`, en: `Version ${version}.` },
    category: 'productivity',
    icon: 'icon.svg',
    screenshots: ['screenshots/home.png'],
    platform: '>=0.1.0 <1.0.0',
    scopes: ['contacts:read'],
    remote: {
      name: moduleId.replace(/-/g, '_'),
      routeBase: `/${moduleId}`,
      navigation: [{ path: `/${moduleId}`, label: { fr: 'Feuilles de temps', en: 'Timesheets' } }],
    },
    webhooks: { events: ['contacts.contact.created'] },
    hosts: ['api.timesheets.example'],
    ...overrides,
  }
}

/** The files of a built remote with its manifest (no hash list, no signature yet). */
export function remoteFiles(
  manifest: Record<string, unknown>,
  extra: Record<string, Buffer | string> = {}
) {
  const files = new Map<string, Buffer>()
  files.set('module.json', Buffer.from(JSON.stringify(manifest, null, 2)))
  files.set(
    'remoteEntry.js',
    Buffer.from(`export const get = () => import('./assets/_plugin-vue_export-helper-Dx1.js')\n`)
  )
  files.set(
    'assets/_plugin-vue_export-helper-Dx1.js',
    Buffer.from('export default (component) => component\n')
  )
  files.set(
    'icon.svg',
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>\n'
    )
  )
  files.set('screenshots/home.png', PNG)
  for (const [path, data] of Object.entries(extra)) files.set(path, Buffer.from(data))
  return files
}

const sri = (bytes: Buffer) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`

/**
 * Adds integrity.json and signature.json as the vendor kit does. `unlisted` files are left out of the
 * list, `hashes` replace listed hashes, `signWith` signs with another key.
 */
export function signPackage(
  files: Map<string, Buffer>,
  privateKey: KeyObject,
  options: {
    unlisted?: string[]
    hashes?: Record<string, string>
    listedOnly?: Record<string, string>
    signWith?: KeyObject
  } = {}
) {
  const hashes: Record<string, string> = {}
  for (const [path, bytes] of files)
    if (!options.unlisted?.includes(path)) hashes[path] = sri(bytes)
  Object.assign(hashes, options.hashes, options.listedOnly)
  const list = Object.keys(hashes)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((path) => `${hashes[path]} ${path}\n`)
    .join('')
  const signature = sign(null, Buffer.from(list), options.signWith ?? privateKey).toString('base64')
  const signed = new Map(files)
  signed.set('integrity.json', Buffer.from(JSON.stringify({ files: hashes })))
  signed.set('signature.json', Buffer.from(JSON.stringify({ signature })))
  return signed
}

/** One entry of a hand-written archive: a file, or a link, folder or device. */
export type ArchiveEntry = {
  name: string
  data?: Buffer
  type?: 'file' | 'symlink' | 'link' | 'directory' | 'character-device'
  linkname?: string
}

/** Entries for every file of a package. */
export function entriesOf(files: Map<string, Buffer>): ArchiveEntry[] {
  return [...files].map(([name, data]) => ({ name, data }))
}

/** A .tar.gz of the entries. */
export async function tarGz(entries: ArchiveEntry[]) {
  const pack = tar.pack()
  for (const entry of entries) {
    pack.entry(
      {
        name: entry.name,
        type: entry.type ?? 'file',
        linkname: entry.linkname,
        size: entry.data?.length ?? 0,
      },
      entry.data ?? Buffer.alloc(0)
    )
  }
  pack.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of pack) chunks.push(chunk as Buffer)
  return gzipSync(Buffer.concat(chunks))
}

/**
 * A .zip of the entries (a symlink as Unix mode bits, the way zip tools store one). yazl refuses `..`
 * in names, so such an entry is written under a same-length stand-in and renamed in the bytes (the
 * name is in no checksum), as a hostile tool would write it.
 */
export async function zip(entries: ArchiveEntry[]) {
  const archive = new yazl.ZipFile()
  const renames: Array<[Buffer, Buffer]> = []
  for (const entry of entries) {
    const mode = entry.type === 'symlink' ? 0o120777 : 0o100644
    const standIn = entry.name.replaceAll('..', '~~')
    if (standIn !== entry.name) renames.push([Buffer.from(standIn), Buffer.from(entry.name)])
    archive.addBuffer(
      entry.type === 'symlink'
        ? Buffer.from(entry.linkname ?? '')
        : (entry.data ?? Buffer.alloc(0)),
      standIn,
      { mode }
    )
  }
  archive.end()
  const chunks: Buffer[] = []
  const sink = new PassThrough()
  archive.outputStream.pipe(sink)
  for await (const chunk of sink) chunks.push(chunk as Buffer)
  const bytes = Buffer.concat(chunks)
  for (const [standIn, name] of renames) {
    for (let at = bytes.indexOf(standIn); at !== -1; at = bytes.indexOf(standIn, at + 1))
      name.copy(bytes, at)
  }
  return bytes
}

/** Uploads a package as `vendorUser`; the response. */
export function uploadPackage(
  client: ApiClient,
  vendorUser: User,
  archive: Buffer,
  filename = 'package.tar.gz'
) {
  return client
    .post('/api/v1/marketplace/vendor/packages')
    .file('package', archive, { filename })
    .loginAs(vendorUser)
    .withCsrfToken()
}

/** Makes `user` a platform administrator. */
export async function makePlatformAdmin(user: User) {
  user.isPlatformAdmin = true
  await user.save()
  return user
}

/** The marketplace's own signing key, set in the configuration for the test (approvals counter-sign with it). */
export async function useMarketplaceKey() {
  const { default: app } = await import('@adonisjs/core/services/app')
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const previous = app.config.get('marketplace.signingKey')
  app.config.set(
    'marketplace.signingKey',
    privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
  )
  return { publicKey, restore: () => app.config.set('marketplace.signingKey', previous) }
}

/**
 * `user` becomes an approved vendor (prefix `prefix`) with one registered key, through the API, with a
 * platform administrator `admin` approving.
 */
export async function approvedVendor(client: ApiClient, user: User, admin: User, prefix = 'acme') {
  const keys = vendorKeyPair()
  const opened = await client
    .post('/api/v1/marketplace/vendor')
    .json({ name: `Éditeur ${prefix}`, prefix, email: `${prefix}@vendor.example` })
    .loginAs(user)
    .withCsrfToken()
  opened.assertStatus(201)
  const vendorId = opened.body().vendor.id as string
  const approved = await client
    .post(`/api/v1/admin/marketplace/vendors/${vendorId}/review`)
    .json({ decision: 'approve' })
    .loginAs(admin)
    .withCsrfToken()
  approved.assertStatus(200)
  const key = await client
    .post('/api/v1/marketplace/vendor/keys')
    .json({ name: 'CI', publicKey: keys.publicKey })
    .loginAs(user)
    .withCsrfToken()
  key.assertStatus(201)
  return { vendorId, keyId: key.body().key.id as string, privateKey: keys.privateKey }
}

/** Publishes a version (uploaded, then approved by `admin` unless `approve` is false); the version's id. */
export async function publishVersion(
  client: ApiClient,
  vendor: { user: User; privateKey: KeyObject },
  admin: User,
  moduleId: string,
  version: string,
  options: { approve?: boolean; manifest?: Record<string, unknown> } = {}
) {
  const archive = await tarGz(
    entriesOf(
      signPackage(
        remoteFiles(exampleManifest(moduleId, version, options.manifest)),
        vendor.privateKey
      )
    )
  )
  const uploaded = await uploadPackage(client, vendor.user, archive)
  uploaded.assertStatus(201)
  const versionId = uploaded.body().version.id as string
  if (options.approve !== false) {
    const reviewed = await client
      .post(`/api/v1/admin/marketplace/versions/${versionId}/review`)
      .json({ decision: 'approve' })
      .loginAs(admin)
      .withCsrfToken()
    reviewed.assertStatus(200)
  }
  return versionId
}

/** Installs a version in an organisation as its admin; the install's id. */
export async function installVersion(
  client: ApiClient,
  admin: User,
  organization: Organization,
  versionId: string,
  scopes = ['contacts:read']
) {
  const response = await client
    .post(`/api/v1/orgs/${organization.id}/marketplace/installs`)
    .json({ versionId, consentedScopes: scopes })
    .loginAs(admin)
    .withCsrfToken()
  response.assertStatus(201)
  return response.body().install.id as string
}

const worlds = new WeakMap<Organization, Promise<MarketplaceWorld>>()

/** What the platform's generated security tests need of the marketplace, owned by `a` (vendor and platform administrator) and `orgA`. */
export type MarketplaceWorld = {
  keyId: string
  vendorId: string
  listingId: string
  submittedVersionId: string
  moduleId: string
  installId: string
  apiKeyId: string
}

/**
 * `a` becomes a platform administrator and an approved vendor publishing `acme-timesheets` 1.0.0
 * (approved, installed in `orgA`, which has the marketplace enabled) and 1.1.0 (submitted). Made once
 * per organisation; the marketplace signing key it sets stays set for the rest of the run.
 */
export function marketplaceWorld({
  client,
  a,
  orgA,
}: {
  client: ApiClient
  a: User
  orgA: Organization
}) {
  if (!worlds.has(orgA)) {
    worlds.set(
      orgA,
      (async () => {
        await useMarketplaceKey()
        await makePlatformAdmin(a)
        const vendor = await approvedVendor(client, a, a)
        const approvedId = await publishVersion(
          client,
          { user: a, privateKey: vendor.privateKey },
          a,
          'acme-timesheets',
          '1.0.0'
        )
        const submittedVersionId = await publishVersion(
          client,
          { user: a, privateKey: vendor.privateKey },
          a,
          'acme-timesheets',
          '1.1.0',
          { approve: false }
        )
        const installId = await installVersion(client, a, orgA, approvedId)
        const listings = await client.get('/api/v1/marketplace/vendor/listings').loginAs(a)
        const listingId = listings.body().data[0].id as string
        const apiKey = await client
          .post(`/api/v1/orgs/${orgA.id}/marketplace/api-keys`)
          .json({ name: 'Intégration de A', scopes: ['contacts:read'] })
          .loginAs(a)
          .withCsrfToken()
        apiKey.assertStatus(201)
        const apiKeyId = apiKey.body().apiKey.id as string
        return {
          keyId: vendor.keyId,
          vendorId: vendor.vendorId,
          listingId,
          submittedVersionId,
          moduleId: 'acme-timesheets',
          installId,
          apiKeyId,
        }
      })()
    )
  }
  return worlds.get(orgA)!
}

/** Rows written straight to the database for the list query-count measures: one more vendor, module or install each call. */
export const marketplaceRows = {
  /** A pending vendor profile of a new user, with one key. */
  async vendor(user: User, index: number) {
    const { default: Vendor } = await import('../app/models/vendor.ts')
    const { default: VendorKey } = await import('../app/models/vendor_key.ts')
    const vendor = await Vendor.create({
      userId: user.id,
      name: `Éditeur ${index}`,
      prefix: `v${index}x${user.id.slice(0, 6)}`,
      email: `v${index}@vendor.example`,
      status: 'approved',
      audited: false,
    })
    await VendorKey.create({
      vendorId: vendor.id,
      name: 'k',
      publicKey: vendorKeyPair().publicKey,
      fingerprint: `${vendor.id}`.padEnd(64, '0'),
    })
    return vendor
  },
  /** A module of `vendorId` with one approved version offered to everyone (and `submitted` when asked). */
  async module(vendorId: string, moduleId: string, status: 'approved' | 'submitted' = 'approved') {
    const { default: Listing } = await import('../app/models/listing.ts')
    const { default: ModuleVersion } = await import('../app/models/module_version.ts')
    const { default: VendorKey } = await import('../app/models/vendor_key.ts')
    const key = await VendorKey.query().where('vendor_id', vendorId).firstOrFail()
    const listing = await Listing.create({ vendorId, moduleId })
    const manifest = exampleManifest(moduleId, '1.0.0') as never
    return ModuleVersion.create({
      listingId: listing.id,
      version: '1.0.0',
      manifest,
      files: {
        'remoteEntry.js': {
          hash: `sha384-${'A'.repeat(64)}`,
          size: 1,
          contentType: 'text/javascript',
        },
      },
      scopes: ['contacts:read'],
      hashList: '',
      vendorKeyId: key.id,
      vendorSignature: '',
      archiveSize: 1,
      status,
      rolloutPercent: 100,
      rolloutOrganizations: [],
    })
  },
  /** A delivery of the module's webhook log. */
  async delivery(listingId: string, organizationId: string) {
    const { default: WebhookDelivery } = await import('../app/models/webhook_delivery.ts')
    return WebhookDelivery.create({
      organizationId,
      listingId,
      event: 'contacts.contact.created',
      payload: {},
      status: 'delivered',
      attempts: 1,
    })
  },
  /** An API key of `user` in the organisation. */
  async apiKey(organizationId: string, user: User, index: number) {
    const { tenantContext } = await import('@ia/kernel/contracts')
    const { ManageApiKeys } = await import('../app/actions/scoped_access.ts')
    return tenantContext.run(organizationId, () =>
      new ManageApiKeys().create(
        { name: `Clé ${index}`, scopes: ['contacts:read'] },
        { id: user.id, ip: null }
      )
    )
  },
  /** An install of `versionId` in the organisation. */
  async install(organizationId: string, versionId: string) {
    const { tenantContext } = await import('@ia/kernel/contracts')
    const { default: Install } = await import('../app/models/install.ts')
    const { default: ModuleVersion } = await import('../app/models/module_version.ts')
    const version = await ModuleVersion.findOrFail(versionId)
    return tenantContext.run(organizationId, () =>
      Install.create({
        listingId: version.listingId,
        versionId,
        scopes: version.scopes,
        enabled: true,
        installedBy: null,
      })
    )
  },
}

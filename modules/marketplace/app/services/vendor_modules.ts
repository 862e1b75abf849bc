import db from '@adonisjs/lucid/services/db'
import {
  isoTimestamp,
  tenantContext,
  type ModuleActor,
  type ModuleState,
  type ShellModule,
  type VendorModuleSource,
} from '@ia/kernel/contracts'
import Install from '../models/install.ts'
import Listing from '../models/listing.ts'
import ModuleVersion from '../models/module_version.ts'
import Vendor from '../models/vendor.ts'
import { ManageInstall } from '../actions/manage_install.ts'

/** An organisation's installs with the module, the pinned version and the vendor of each. */
async function installedModules(organizationId: string) {
  return tenantContext.run(organizationId, async () => {
    const installs = await Install.query().orderBy('created_at', 'asc')
    if (!installs.length) return []
    const listings = new Map(
      (
        await Listing.query().whereIn(
          'id',
          installs.map((install) => install.listingId)
        )
      ).map((row) => [row.id, row])
    )
    const versions = new Map(
      (
        await ModuleVersion.query().whereIn(
          'id',
          installs.map((install) => install.versionId)
        )
      ).map((row) => [row.id, row])
    )
    const vendorIds = [...new Set([...listings.values()].map((listing) => listing.vendorId))]
    const vendors = new Map(
      (await Vendor.query().whereIn('id', vendorIds)).map((row) => [row.id, row])
    )
    return installs.map((install) => {
      const listing = listings.get(install.listingId)!
      return {
        install,
        listing,
        version: versions.get(install.versionId)!,
        vendor: vendors.get(listing.vendorId)!,
      }
    })
  })
}

type Installed = Awaited<ReturnType<typeof installedModules>>[number]

/** Where a version's files are served from: immutable, so cached for a year. */
export function filesBase(moduleId: string, version: string) {
  return `/marketplace/files/${moduleId}/${version}/`
}

/** Where a version's hash list and its two signatures are served from. */
export function signaturesUrl(moduleId: string, version: string) {
  return `/marketplace/signatures/${moduleId}/${version}`
}

function state({ install, listing, version, vendor }: Installed): ModuleState {
  return {
    id: listing.moduleId,
    version: version.version,
    name: version.manifest.name,
    description: version.manifest.description,
    category: version.manifest.category,
    depends: [],
    dependants: [],
    enabled: install.enabled,
    enabledAt: install.enabled ? isoTimestamp(install.updatedAt) : null,
    routeBase: version.manifest.remote.routeBase,
    vendor: { name: vendor.name, audited: vendor.audited },
  }
}

/** The kernel's vendor-modules port: what module administration and the shell manifest show of the marketplace. */
export const vendorModules: VendorModuleSource = {
  async list(organizationId: string) {
    return (await installedModules(organizationId)).map(state)
  },

  async shellModules(organizationId: string): Promise<ShellModule[]> {
    const installed = await installedModules(organizationId)
    return installed
      .filter(
        ({ install, version }) =>
          install.enabled && version.status === 'approved' && !version.withdrawnAt
      )
      .map(({ listing, version, vendor }) => {
        const base = filesBase(listing.moduleId, version.version)
        return {
          id: listing.moduleId,
          version: version.version,
          name: version.manifest.name,
          remote: {
            name: version.manifest.remote.name,
            entry: `${base}remoteEntry.js`,
            integrity: Object.fromEntries(
              Object.entries(version.files).map(([path, file]) => [base + path, file.hash])
            ),
          },
          routeBase: version.manifest.remote.routeBase,
          navigation: version.manifest.remote.navigation.map((item) => ({
            path: item.path,
            label: item.label,
            ...(item.icon ? { icon: item.icon } : {}),
          })),
          trust: vendor.audited ? 'audited' : 'sandboxed',
          signedHashList: signaturesUrl(listing.moduleId, version.version),
        }
      })
  },

  async inPageHosts() {
    // Across organisations: one page (the shell's document) is served before anyone is known.
    const rows = (await db
      .from(`${Install.table} as install`)
      .join(`${ModuleVersion.table} as version`, 'version.id', 'install.version_id')
      .join(`${Listing.table} as listing`, 'listing.id', 'install.listing_id')
      .join(`${Vendor.table} as vendor`, 'vendor.id', 'listing.vendor_id')
      .where('install.enabled', true)
      .where('version.status', 'approved')
      .whereNull('version.withdrawn_at')
      .where('vendor.audited', true)
      .distinct('version.id', 'version.manifest')) as { manifest: { hosts?: string[] } }[]
    return [...new Set(rows.flatMap((row) => row.manifest.hosts ?? []))].sort()
  },

  async setEnabled(organizationId: string, moduleId: string, enabled: boolean, actor: ModuleActor) {
    const installed = (await installedModules(organizationId)).find(
      ({ listing }) => listing.moduleId === moduleId
    )
    if (!installed) return null
    const install = await tenantContext.run(organizationId, () =>
      new ManageInstall().setEnabled(installed.install.id, enabled, actor)
    )
    return state({ ...installed, install })
  },
}

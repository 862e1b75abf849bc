import db from '@adonisjs/lucid/services/db'
import semver from 'semver'
import { notFound } from '@ia/kernel/contracts'
import Install from '../models/install.ts'
import Listing from '../models/listing.ts'
import ModuleVersion from '../models/module_version.ts'
import Vendor from '../models/vendor.ts'
import { isOffered } from '../services/offering.ts'
import type { CatalogueEntry } from '../transformers/marketplace_transformers.ts'

/** How many organisations have each module installed (a count across organisations, nothing else from them). */
export async function installCounts(listingIds: string[]) {
  if (!listingIds.length) return new Map<string, number>()
  const rows = (await db
    .from(Install.table)
    .whereIn('listing_id', listingIds)
    .groupBy('listing_id')
    .select('listing_id')
    .count('* as total')) as {
    listing_id: string
    total: string | number
  }[]
  return new Map(rows.map((row) => [row.listing_id, Number(row.total)]))
}

/** How many organisations have each version installed (pinned to it), by version id. */
export async function versionInstallCounts(versionIds: string[]) {
  if (!versionIds.length) return new Map<string, number>()
  const rows = (await db
    .from(Install.table)
    .whereIn('version_id', versionIds)
    .groupBy('version_id')
    .select('version_id')
    .count('* as total')) as {
    version_id: string
    total: string | number
  }[]
  return new Map(rows.map((row) => [row.version_id, Number(row.total)]))
}

/** Whether a module matches a search, in either language, without regard to case or accents. */
function matches(version: ModuleVersion, listing: Listing, q: string) {
  const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  const { name, description } = version.manifest
  return fold(
    [listing.moduleId, name.fr, name.en, description.fr, description.en].join(' ')
  ).includes(fold(q))
}

/**
 * The modules offered to the current organisation (approved vendor, a version approved, not rolled back
 * and within its roll-out), each with its highest offered version, installs count and this organisation's install.
 */
export async function catalogue(
  organizationId: string,
  filters: { q?: string; category?: string; moduleId?: string }
): Promise<CatalogueEntry[]> {
  const vendors = new Map(
    (await Vendor.query().where('status', 'approved')).map((vendor) => [vendor.id, vendor])
  )
  const listingsQuery = Listing.query().whereIn('vendor_id', [...vendors.keys()])
  if (filters.moduleId) listingsQuery.where('module_id', filters.moduleId)
  const listings = await listingsQuery
  if (!listings.length) return []
  const versions = await ModuleVersion.query()
    .whereIn(
      'listing_id',
      listings.map((listing) => listing.id)
    )
    .where('status', 'approved')
    .whereNull('withdrawn_at')
  const installs = new Map(
    (
      await Install.query().whereIn(
        'listing_id',
        listings.map((listing) => listing.id)
      )
    ).map((install) => [install.listingId, install])
  )
  const installedVersions = new Map(
    (
      await ModuleVersion.query().whereIn(
        'id',
        [...installs.values()].map((install) => install.versionId)
      )
    ).map((version) => [version.id, version])
  )
  const counts = await installCounts(listings.map((listing) => listing.id))
  const entries: CatalogueEntry[] = []
  for (const listing of listings) {
    const offered = versions.filter(
      (version) => version.listingId === listing.id && isOffered(version, organizationId)
    )
    const latest = [...offered].sort((a, b) => semver.rcompare(a.version, b.version))[0]
    if (!latest) continue
    if (filters.category && latest.manifest.category !== filters.category) continue
    if (filters.q && !matches(latest, listing, filters.q)) continue
    const install = installs.get(listing.id) ?? null
    entries.push({
      listing,
      vendor: vendors.get(listing.vendorId)!,
      latest,
      versions: offered,
      installs: counts.get(listing.id) ?? 0,
      install,
      installedVersion: install ? (installedVersions.get(install.versionId) ?? null) : null,
      scopeDescriptions: {},
    })
  }
  return entries.sort((a, b) => a.latest.manifest.name.en.localeCompare(b.latest.manifest.name.en))
}

/** One module of the catalogue, or 404. */
export async function catalogueModule(organizationId: string, moduleId: string) {
  const [entry] = await catalogue(organizationId, { moduleId })
  if (!entry) throw notFound()
  return entry
}

import type { HttpContext } from '@adonisjs/core/http'
import semver from 'semver'
import { notFound } from '@ia/kernel/contracts'
import Listing from '../models/listing.ts'
import ModuleVersion from '../models/module_version.ts'
import Vendor from '../models/vendor.ts'
import { reviewValidator, rolloutValidator } from '../validators/marketplace.ts'
import { reviewVendor } from '../services/vendors.ts'
import { reviewVersion, rollBack, setRollout } from '../actions/review_version.ts'
import { versionInstallCounts } from '../queries/catalogue.ts'
import {
  serializeModuleVersion,
  serializeRelease,
  serializeReviewItem,
} from '../transformers/marketplace_transformers.ts'
import { vendorView, vendorViews } from './vendor_controller.ts'

async function versionWithListing(versionId: string) {
  const version = await ModuleVersion.find(versionId)
  if (!version) throw notFound()
  return { version, listing: await Listing.findOrFail(version.listingId) }
}

/** Platform administration of the marketplace: vendor approval, package review, staged roll-out and roll-back. */
export default class AdminController {
  async vendors() {
    const vendors = await Vendor.query().orderBy('created_at', 'asc')
    return { data: await vendorViews(vendors) }
  }

  async reviewVendor(ctx: HttpContext) {
    if (!(await Vendor.find(ctx.params.vendorId))) throw notFound()
    const decision = await ctx.request.validateUsing(reviewValidator)
    return { vendor: await vendorView(await reviewVendor(ctx.params.vendorId, decision)) }
  }

  /** Submitted versions, oldest first, each with its manifest, files and the diff against the previous version. */
  async submissions() {
    const submitted = await ModuleVersion.query()
      .where('status', 'submitted')
      .orderBy('created_at', 'asc')
    const listings = new Map(
      (
        await Listing.query().whereIn(
          'id',
          submitted.map((version) => version.listingId)
        )
      ).map((row) => [row.id, row])
    )
    const vendors = new Map(
      (
        await Vendor.query().whereIn(
          'id',
          [...listings.values()].map((listing) => listing.vendorId)
        )
      ).map((row) => [row.id, row])
    )
    const earlier = await ModuleVersion.query().whereIn('listing_id', [...listings.keys()])
    return {
      data: submitted.map((version) => {
        const listing = listings.get(version.listingId)!
        const previous = earlier
          .filter(
            (other) =>
              other.listingId === version.listingId && semver.lt(other.version, version.version)
          )
          .sort((a, b) => semver.rcompare(a.version, b.version))[0]
        return serializeReviewItem({
          version,
          listing,
          vendor: vendors.get(listing.vendorId)!,
          previous,
        })
      }),
    }
  }

  /** Approved versions, newest first, with their vendor and installs: what roll-out and roll-back act on. */
  async releases() {
    const approved = await ModuleVersion.query()
      .where('status', 'approved')
      .orderBy('reviewed_at', 'desc')
    const listings = new Map(
      (
        await Listing.query().whereIn(
          'id',
          approved.map((version) => version.listingId)
        )
      ).map((row) => [row.id, row])
    )
    const vendors = new Map(
      (
        await Vendor.query().whereIn(
          'id',
          [...listings.values()].map((listing) => listing.vendorId)
        )
      ).map((row) => [row.id, row])
    )
    const installs = await versionInstallCounts(approved.map((version) => version.id))
    return {
      data: approved.map((version) => {
        const listing = listings.get(version.listingId)!
        return serializeRelease({
          version,
          listing,
          vendor: vendors.get(listing.vendorId)!,
          installs: installs.get(version.id) ?? 0,
        })
      }),
    }
  }

  async reviewVersion(ctx: HttpContext) {
    await versionWithListing(ctx.params.versionId)
    const decision = await ctx.request.validateUsing(reviewValidator)
    const version = await reviewVersion(ctx.params.versionId, ctx.auth.user!.id, decision)
    return {
      version: serializeModuleVersion({
        version,
        listing: await Listing.findOrFail(version.listingId),
      }),
    }
  }

  async rollout(ctx: HttpContext) {
    await versionWithListing(ctx.params.versionId)
    const rollout = await ctx.request.validateUsing(rolloutValidator)
    const version = await setRollout(ctx.params.versionId, rollout)
    return {
      version: serializeModuleVersion({
        version,
        listing: await Listing.findOrFail(version.listingId),
      }),
    }
  }

  async rollback(ctx: HttpContext) {
    await versionWithListing(ctx.params.versionId)
    const { version, movedInstalls } = await rollBack(ctx.params.versionId)
    return {
      version: serializeModuleVersion({
        version,
        listing: await Listing.findOrFail(version.listingId),
      }),
      movedInstalls,
    }
  }
}

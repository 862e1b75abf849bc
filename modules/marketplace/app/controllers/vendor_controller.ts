import type { HttpContext } from '@adonisjs/core/http'
import { notFound } from '@ia/kernel/contracts'
import Listing from '../models/listing.ts'
import ModuleVersion from '../models/module_version.ts'
import VendorKey from '../models/vendor_key.ts'
import Vendor from '../models/vendor.ts'
import {
  addVendorKeyValidator,
  createVendorValidator,
  uploadPackageValidator,
  webhookSettingsValidator,
} from '../validators/marketplace.ts'
import { recentDeliveries, setWebhook } from '../services/webhooks.ts'
import { addVendorKey, openVendorProfile, revokeVendorKey, vendorOf } from '../services/vendors.ts'
import { UploadVersion } from '../actions/upload_version.ts'
import { installCounts } from '../queries/catalogue.ts'
import {
  serializeModuleVersion,
  serializeVendor,
  serializeVendorKey,
  serializeVendorListing,
  serializeWebhookDelivery,
} from '../transformers/marketplace_transformers.ts'

/** Vendor profiles with their keys, as the wire shows them (the keys of all of them in one query). */
export async function vendorViews(vendors: Vendor[]) {
  const keys = await VendorKey.query()
    .whereIn(
      'vendor_id',
      vendors.map((vendor) => vendor.id)
    )
    .orderBy('created_at', 'asc')
  return vendors.map((vendor) =>
    serializeVendor({ vendor, keys: keys.filter((key) => key.vendorId === vendor.id) })
  )
}

/** One vendor profile with its keys. */
export async function vendorView(vendor: Vendor) {
  return (await vendorViews([vendor]))[0]
}

/** The vendor's side: its profile and keys, package uploads, its modules with their versions and installs. */
export default class VendorController {
  /** What the signed-in user may do in the marketplace: their vendor profile, if any, and whether they review. */
  async access(ctx: HttpContext) {
    const vendor = await Vendor.findBy('userId', ctx.auth.user!.id)
    return {
      platformAdmin: ctx.auth.user!.isPlatformAdmin,
      vendor: vendor ? await vendorView(vendor) : null,
    }
  }

  async show(ctx: HttpContext) {
    return { vendor: await vendorView(await vendorOf(ctx.auth.user!.id)) }
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createVendorValidator)
    const vendor = await openVendorProfile(ctx.auth.user!.id, payload)
    return ctx.response.created({ vendor: await vendorView(vendor) })
  }

  async addKey(ctx: HttpContext) {
    const vendor = await vendorOf(ctx.auth.user!.id)
    const payload = await ctx.request.validateUsing(addVendorKeyValidator)
    return ctx.response.created({ key: serializeVendorKey(await addVendorKey(vendor, payload)) })
  }

  async revokeKey(ctx: HttpContext) {
    const vendor = await vendorOf(ctx.auth.user!.id)
    return { key: serializeVendorKey(await revokeVendorKey(vendor, ctx.params.keyId)) }
  }

  async upload(ctx: HttpContext) {
    const vendor = await vendorOf(ctx.auth.user!.id)
    const { package: upload } = await ctx.request.validateUsing(uploadPackageValidator)
    const { listing, version } = await new UploadVersion().handle(
      vendor,
      upload,
      ctx.i18n.createMessagesProvider()
    )
    return ctx.response.created({ version: serializeModuleVersion({ version, listing }) })
  }

  async listings(ctx: HttpContext) {
    const vendor = await vendorOf(ctx.auth.user!.id)
    const listings = await Listing.query().where('vendor_id', vendor.id).orderBy('module_id', 'asc')
    const versions = await ModuleVersion.query().whereIn(
      'listing_id',
      listings.map((listing) => listing.id)
    )
    const counts = await installCounts(listings.map((listing) => listing.id))
    return {
      data: listings.map((listing) =>
        serializeVendorListing({
          listing,
          versions: versions.filter((version) => version.listingId === listing.id),
          installs: counts.get(listing.id) ?? 0,
        })
      ),
    }
  }

  /** Sets where the module's granted events go; answers the new signing secret, shown this once. */
  async setWebhook(ctx: HttpContext) {
    const listing = await ownListing(ctx)
    const { url } = await ctx.request.validateUsing(webhookSettingsValidator)
    const secret = await setWebhook(listing, url)
    return { webhook: { url, secret } }
  }

  async deliveries(ctx: HttpContext) {
    const listing = await ownListing(ctx)
    return { data: (await recentDeliveries(listing)).map(serializeWebhookDelivery) }
  }
}

/** One of the signed-in vendor's modules, or 404. */
export async function ownListing(ctx: HttpContext) {
  const vendor = await vendorOf(ctx.auth.user!.id)
  const listing = await Listing.query()
    .where('id', ctx.params.listingId)
    .where('vendor_id', vendor.id)
    .first()
  if (!listing) throw notFound()
  return listing
}

import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { notFound } from '@ia/kernel/contracts'
import Vendor from '../models/vendor.ts'
import VendorKey from '../models/vendor_key.ts'
import { marketplaceErrors } from '../errors.ts'
import { parsePublicKey } from './package_checker.ts'

/** The vendor profile of a user, or 404 `E_VENDOR_MISSING`. */
export async function vendorOf(userId: string) {
  const vendor = await Vendor.findBy('userId', userId)
  if (!vendor) throw marketplaceErrors.noVendor()
  return vendor
}

/** Opens the user's vendor profile, pending a platform administrator's approval. */
export async function openVendorProfile(
  userId: string,
  profile: { name: string; prefix: string; email: string; website?: string }
) {
  return db.transaction(async (trx) => {
    if (await Vendor.query({ client: trx }).where('user_id', userId).first())
      throw marketplaceErrors.vendorExists()
    if (await Vendor.query({ client: trx }).where('prefix', profile.prefix).first())
      throw marketplaceErrors.prefixTaken()
    return Vendor.create(
      { userId, ...profile, website: profile.website ?? null, status: 'pending', audited: false },
      { client: trx }
    )
  })
}

/** Registers an Ed25519 public key of the vendor. */
export async function addVendorKey(vendor: Vendor, input: { name: string; publicKey: string }) {
  const parsed = parsePublicKey(input.publicKey)
  if (!parsed) throw marketplaceErrors.invalidKey()
  return db.transaction(async (trx) => {
    const existing = await VendorKey.query({ client: trx })
      .where('vendor_id', vendor.id)
      .where('fingerprint', parsed.fingerprint)
      .first()
    if (existing) throw marketplaceErrors.keyExists()
    return VendorKey.create(
      {
        vendorId: vendor.id,
        name: input.name,
        publicKey: parsed.pem,
        fingerprint: parsed.fingerprint,
      },
      { client: trx }
    )
  })
}

/** Revokes one of the vendor's keys: it signs no new upload (versions it signed stay as reviewed). */
export async function revokeVendorKey(vendor: Vendor, keyId: string) {
  const key = await VendorKey.query().where('id', keyId).where('vendor_id', vendor.id).first()
  if (!key) throw notFound()
  if (!key.revokedAt) {
    key.revokedAt = DateTime.now()
    await key.save()
  }
  return key
}

/** A platform administrator's decision on a vendor profile (and whether its modules run unsandboxed). */
export async function reviewVendor(
  vendorId: string,
  decision: { decision: 'approve' | 'reject'; reason?: string; audited?: boolean }
) {
  const vendor = await Vendor.find(vendorId)
  if (!vendor) throw notFound()
  vendor.merge({
    status: decision.decision === 'approve' ? 'approved' : 'rejected',
    reviewReason: decision.reason ?? null,
    reviewedAt: DateTime.now(),
    audited: decision.decision === 'approve' ? (decision.audited ?? vendor.audited) : false,
  })
  await vendor.save()
  return vendor
}

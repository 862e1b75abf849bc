import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import semver from 'semver'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { notFound } from '@ia/kernel/contracts'
import Listing from '../models/listing.ts'
import ModuleVersion from '../models/module_version.ts'
import Install from '../models/install.ts'
import { marketplaceErrors } from '../errors.ts'
import { counterSign } from '../services/marketplace_settings.ts'

/** A submitted version with its module, locked for the change. */
async function lockedVersion(versionId: string, trx: TransactionClientContract) {
  const version = await ModuleVersion.query({ client: trx })
    .where('id', versionId)
    .forUpdate()
    .first()
  if (!version) throw notFound()
  const listing = await Listing.query({ client: trx }).where('id', version.listingId).firstOrFail()
  return { version, listing }
}

/** A platform administrator approves (counter-signing its hash list with the marketplace's key) or rejects a submitted version. */
export async function reviewVersion(
  versionId: string,
  reviewerId: string,
  decision: { decision: 'approve' | 'reject'; reason?: string }
) {
  return db.transaction(async (trx) => {
    const { version, listing } = await lockedVersion(versionId, trx)
    if (version.status !== 'submitted') throw marketplaceErrors.alreadyReviewed()
    version.merge({
      status: decision.decision === 'approve' ? 'approved' : 'rejected',
      reviewReason: decision.reason ?? null,
      reviewedBy: reviewerId,
      reviewedAt: DateTime.now(),
      marketplaceSignature:
        decision.decision === 'approve'
          ? counterSign(listing.moduleId, version.version, version.hashList)
          : null,
    })
    await version.useTransaction(trx).save()
    return version
  })
}

/** Which organisations an approved version is offered to: a percentage (stable buckets) and named organisations. */
export async function setRollout(
  versionId: string,
  rollout: { percent: number; organizations?: string[] }
) {
  return db.transaction(async (trx) => {
    const { version } = await lockedVersion(versionId, trx)
    version.merge({
      rolloutPercent: rollout.percent,
      rolloutOrganizations: rollout.organizations ?? version.rolloutOrganizations,
    })
    await version.useTransaction(trx).save()
    return version
  })
}

/**
 * Rolls a version back: it is offered to nobody, and every organisation on it goes back to the
 * highest earlier approved version whose scopes it had already granted (disabled when there is none).
 */
export async function rollBack(versionId: string) {
  return db.transaction(async (trx) => {
    const { version } = await lockedVersion(versionId, trx)
    if (!version.withdrawnAt) {
      version.withdrawnAt = DateTime.now()
      await version.useTransaction(trx).save()
    }
    const earlier = (
      await ModuleVersion.query({ client: trx })
        .where('listing_id', version.listingId)
        .where('status', 'approved')
        .whereNull('withdrawn_at')
    )
      .filter((candidate) => semver.lt(candidate.version, version.version))
      .sort((a, b) => semver.rcompare(a.version, b.version))
    // Installs of every organisation: a platform operation, outside any tenant context, by explicit filter.
    const installs = await db
      .from(Install.table)
      .useTransaction(trx)
      .where('version_id', version.id)
      .select('id', 'scopes')
    for (const install of installs as { id: string; scopes: string[] }[]) {
      const target = earlier.find((candidate) =>
        candidate.scopes.every((scope) => install.scopes.includes(scope))
      )
      await db
        .from(Install.table)
        .useTransaction(trx)
        .where('id', install.id)
        .update(
          target
            ? { version_id: target.id, scopes: target.scopes, updated_at: new Date() }
            : { enabled: false, updated_at: new Date() }
        )
    }
    return { version, movedInstalls: installs.length }
  })
}

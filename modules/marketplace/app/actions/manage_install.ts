import db from '@adonisjs/lucid/services/db'
import semver from 'semver'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { auditLog, notFound, scopedTokens, tenantContext } from '@ia/kernel/contracts'
import Install from '../models/install.ts'
import Listing from '../models/listing.ts'
import ModuleVersion from '../models/module_version.ts'
import { marketplaceErrors } from '../errors.ts'
import { isOffered } from '../services/offering.ts'
import { installBinding } from './scoped_access.ts'

/** Who acts, for the audit log. */
export type Actor = { id: string; ip: string | null }

/** Whether two scope lists hold the same scopes. */
function sameScopes(a: string[], b: string[]) {
  return a.length === b.length && a.every((scope) => b.includes(scope))
}

/** Consent must name exactly what the version asks for: no silent grant, no grant of more. */
function requireConsent(version: ModuleVersion, consented: string[] | undefined) {
  if (!consented || !sameScopes(consented, version.scopes))
    throw marketplaceErrors.consentRequired(version.scopes.join(', ') || '-')
}

async function record(
  action: string,
  install: Install,
  listing: Listing,
  actor: Actor,
  trx: TransactionClientContract,
  metadata: Record<string, unknown> = {}
) {
  await auditLog.record(
    {
      organizationId: tenantContext.require(),
      actorId: actor.id,
      action: `vendor_module.${action}`,
      subjectType: 'vendor_module',
      subjectId: install.id,
      metadata: { name: listing.moduleId, ...metadata },
      ip: actor.ip,
    },
    trx
  )
}

/** One install of the current organisation with its module, locked; 404 for anything else. */
async function lockedInstall(installId: string, trx: TransactionClientContract) {
  const install = await Install.query({ client: trx }).where('id', installId).forUpdate().first()
  if (!install) throw notFound()
  const listing = await Listing.query({ client: trx }).where('id', install.listingId).firstOrFail()
  return { install, listing }
}

/** A tenant admin's changes to the organisation's vendor modules, each in one transaction, each audited. */
export class ManageInstall {
  /** Installs a version offered to the organisation, after consent to exactly its scopes. */
  async install(payload: { versionId: string; consentedScopes: string[] }, actor: Actor) {
    const organizationId = tenantContext.require()
    return db.transaction(async (trx) => {
      const version = await ModuleVersion.query({ client: trx })
        .where('id', payload.versionId)
        .first()
      if (!version || !isOffered(version, organizationId))
        throw marketplaceErrors.versionNotOffered()
      requireConsent(version, payload.consentedScopes)
      await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [
        `marketplace:install:${organizationId}:${version.listingId}`,
      ])
      if (await Install.query({ client: trx }).where('listing_id', version.listingId).first())
        throw marketplaceErrors.alreadyInstalled()
      const listing = await Listing.query({ client: trx })
        .where('id', version.listingId)
        .firstOrFail()
      const install = await Install.create(
        {
          listingId: version.listingId,
          versionId: version.id,
          scopes: version.scopes,
          enabled: true,
          installedBy: actor.id,
        },
        { client: trx }
      )
      await record('installed', install, listing, actor, trx, {
        version: version.version,
        scopes: version.scopes,
      })
      return install
    })
  }

  /**
   * Upgrades to the highest version offered to the organisation. Consent is asked again when that
   * version asks for a scope not granted yet; already on it, nothing changes.
   */
  async upgrade(installId: string, consentedScopes: string[] | undefined, actor: Actor) {
    const organizationId = tenantContext.require()
    return db.transaction(async (trx) => {
      const { install, listing } = await lockedInstall(installId, trx)
      const current = await ModuleVersion.query({ client: trx })
        .where('id', install.versionId)
        .firstOrFail()
      const target = (
        await ModuleVersion.query({ client: trx })
          .where('listing_id', install.listingId)
          .where('status', 'approved')
      )
        .filter(
          (candidate) =>
            isOffered(candidate, organizationId) && semver.gt(candidate.version, current.version)
        )
        .sort((a, b) => semver.rcompare(a.version, b.version))[0]
      if (!target) return install
      if (!target.scopes.every((scope) => install.scopes.includes(scope)))
        requireConsent(target, consentedScopes)
      install.merge({ versionId: target.id, scopes: target.scopes })
      await install.useTransaction(trx).save()
      await record('upgraded', install, listing, actor, trx, {
        from: current.version,
        version: target.version,
        scopes: target.scopes,
      })
      return install
    })
  }

  /** Enables or disables an installed module (kept installed, pinned to its version); disabling ends its tokens. */
  async setEnabled(installId: string, enabled: boolean, actor: Actor) {
    const changed = await db.transaction(async (trx) => {
      const { install, listing } = await lockedInstall(installId, trx)
      if (install.enabled === enabled) return install
      install.enabled = enabled
      await install.useTransaction(trx).save()
      await record(enabled ? 'enabled' : 'disabled', install, listing, actor, trx)
      return install
    })
    if (!enabled) await scopedTokens.revokeBinding(installBinding(installId))
    return changed
  }

  /** Uninstalls: the organisation's grant ends; the module's tokens and webhooks stop with it. */
  async uninstall(installId: string, actor: Actor) {
    await db.transaction(async (trx) => {
      const { install, listing } = await lockedInstall(installId, trx)
      await record('uninstalled', install, listing, actor, trx)
      await install.useTransaction(trx).delete()
    })
    await scopedTokens.revokeBinding(installBinding(installId))
  }
}

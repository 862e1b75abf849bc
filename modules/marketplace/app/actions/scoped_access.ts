import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { auditLog, notFound, scopedTokens, tenantContext } from '@ia/kernel/contracts'
import ApiKey from '../models/api_key.ts'
import Install from '../models/install.ts'
import Listing from '../models/listing.ts'
/** Who acts, for the audit log. */
type Actor = { id: string; ip: string | null }

/** How long a vendor module's token lives: the shell asks for a new one when it expires. */
export const VENDOR_TOKEN_TTL_SECONDS = 15 * 60

/** What revokes every token issued for an install (on disable and uninstall). */
export const installBinding = (installId: string) => `install:${installId}`
const apiKeyBinding = (apiKeyId: string) => `api-key:${apiKeyId}`

/**
 * A short-lived token for a vendor module running in the shell: the current user's, bound to the
 * organisation, the install and exactly the scopes its admin consented to.
 */
export async function issueVendorToken(installId: string, userId: string) {
  const install = await Install.query().where('id', installId).where('enabled', true).first()
  if (!install) throw notFound()
  const listing = await Listing.findOrFail(install.listingId)
  const issued = await scopedTokens.issue(
    userId,
    {
      organizationId: tenantContext.require(),
      scopes: install.scopes,
      binding: installBinding(install.id),
    },
    { name: `module:${listing.moduleId}`, expiresInSeconds: VENDOR_TOKEN_TTL_SECONDS }
  )
  return { ...issued, moduleId: listing.moduleId, scopes: install.scopes }
}

/** A tenant admin's API keys: created (the secret shown once), listed with their last use, revoked. */
export class ManageApiKeys {
  /**
   * The token is issued first, outside the transaction (the platform writes it on its own connection,
   * which the embedded single-session database could not serve while this transaction holds it); if
   * the key is not stored after all, the token is revoked.
   */
  async create(input: { name: string; scopes: string[] }, actor: Actor) {
    const organizationId = tenantContext.require()
    const id = randomUUID()
    const issued = await scopedTokens.issue(
      actor.id,
      { organizationId, scopes: input.scopes, binding: apiKeyBinding(id) },
      { name: `api-key:${input.name}` }
    )
    try {
      const key = await db.transaction(async (trx) => {
        const created = await ApiKey.create(
          { id, name: input.name, scopes: input.scopes, createdBy: actor.id, tokenId: issued.id },
          { client: trx }
        )
        await auditLog.record(
          {
            organizationId,
            actorId: actor.id,
            action: 'api_key.created',
            subjectType: 'api_key',
            subjectId: id,
            metadata: { name: input.name, scopes: input.scopes },
            ip: actor.ip,
          },
          trx
        )
        return created
      })
      return { key, token: issued.token }
    } catch (error) {
      await scopedTokens.revokeBinding(apiKeyBinding(id))
      throw error
    }
  }

  async revoke(apiKeyId: string, actor: Actor) {
    const revoked = await db.transaction(async (trx) => {
      const key = await ApiKey.query({ client: trx }).where('id', apiKeyId).forUpdate().first()
      if (!key) throw notFound()
      if (key.revokedAt) return key
      key.revokedAt = DateTime.now()
      await key.useTransaction(trx).save()
      await auditLog.record(
        {
          organizationId: tenantContext.require(),
          actorId: actor.id,
          action: 'api_key.revoked',
          subjectType: 'api_key',
          subjectId: key.id,
          metadata: { name: key.name },
          ip: actor.ip,
        },
        trx
      )
      return key
    })
    // Once the revocation is recorded (and again if it was already): the token goes.
    await scopedTokens.revokeBinding(apiKeyBinding(revoked.id))
    return revoked
  }
}

import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import { DomainError, notFound, scopeForPermission, type ScopedTokens } from '@ia/kernel/contracts'
import User from '../models/user.ts'
import { describedRoutes, type RouteKey } from '../openapi/registry.ts'
import { loadRouteDocs } from '../openapi/document_builder.ts'

/** The prefix of scoped tokens, which the auth middleware sends to their own guard. */
export const SCOPED_TOKEN_PREFIX = 'iasc_'

const ORGANIZATION = 'org:'
const BINDING = 'binding:'

/** The platform's scoped tokens: access tokens of the user whose abilities name the organisation, the binding and the scopes. */
export const scopedTokens: ScopedTokens = {
  async issue(userId, grant, options) {
    const user = await User.findOrFail(userId)
    const token = await User.scopedTokens.create(
      user,
      [`${ORGANIZATION}${grant.organizationId}`, `${BINDING}${grant.binding}`, ...grant.scopes],
      {
        name: options.name,
        expiresIn: options.expiresInSeconds,
      }
    )
    return {
      id: String(token.identifier),
      token: token.value!.release(),
      expiresAt: token.expiresAt?.toISOString() ?? null,
    }
  },

  async revokeBinding(binding) {
    await db
      .from('platform.auth_access_tokens')
      .where('type', 'scoped_token')
      .whereRaw('abilities::jsonb \\? ?', [`${BINDING}${binding}`])
      .delete()
  },

  async lastUsed(tokenIds) {
    const ids = tokenIds.filter((id) => /^\d+$/.test(id))
    if (!ids.length) return new Map()
    const rows = (await db
      .from('platform.auth_access_tokens')
      .where('type', 'scoped_token')
      .whereIn('id', ids)
      .select('id', 'last_used_at')) as {
      id: number
      last_used_at: Date | null
    }[]
    return new Map(
      rows.map((row) => [
        String(row.id),
        row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
      ])
    )
  },
}

/**
 * What a scoped token may reach, checked on every request it makes: only routes of its organisation
 * (any other organisation's answers 404, like an unknown one), and only those whose declared permission
 * needs a granted scope (403 otherwise, and for every route that declares no permission).
 */
export async function enforceScopes(ctx: HttpContext) {
  const abilities = ctx.auth.user!.currentAccessToken?.abilities ?? []
  const organizationId = abilities
    .find((ability) => ability.startsWith(ORGANIZATION))
    ?.slice(ORGANIZATION.length)
  if (ctx.params.orgId !== undefined && ctx.params.orgId !== organizationId) throw notFound()
  await loadRouteDocs()
  const key = `${ctx.request.method()} ${ctx.route?.pattern ?? ''}` as RouteKey
  const permission =
    ctx.params.orgId === undefined ? undefined : describedRoutes().get(key)?.permission
  const scope = permission ? scopeForPermission(permission) : null
  if (!scope || !abilities.includes(scope)) {
    throw new DomainError('E_SCOPE_DENIED', 403, 'platform.errors.E_SCOPE_DENIED', {
      scope: scope ?? ctx.request.method() + ' ' + (ctx.route?.pattern ?? ''),
    })
  }
}

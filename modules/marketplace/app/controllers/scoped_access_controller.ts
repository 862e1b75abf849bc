import type { HttpContext } from '@adonisjs/core/http'
import { authorize, scopedTokens } from '@ia/kernel/contracts'
import ApiKey from '../models/api_key.ts'
import { createApiKeyValidator } from '../validators/marketplace.ts'
import { ManageApiKeys, issueVendorToken } from '../actions/scoped_access.ts'
import { serializeApiKey } from '../transformers/marketplace_transformers.ts'

const actorOf = (ctx: HttpContext) => ({ id: ctx.auth.user!.id, ip: ctx.request.ip() })

/** Keys with their last use, read from their tokens in one call. */
async function apiKeyViews(keys: ApiKey[]) {
  const lastUsed = await scopedTokens.lastUsed(keys.map((key) => key.tokenId))
  return keys.map((key) => serializeApiKey({ key, lastUsedAt: lastUsed.get(key.tokenId) ?? null }))
}

/** Scoped access to the organisation's data: vendor modules' short-lived tokens and integrations' API keys. */
export default class ScopedAccessController {
  /** The shell asks for it when it loads an installed module, for the signed-in member. */
  async vendorToken(ctx: HttpContext) {
    await authorize(ctx, 'marketplace.catalog.read')
    return { token: await issueVendorToken(ctx.params.installId, ctx.auth.user!.id) }
  }

  async index(ctx: HttpContext) {
    await authorize(ctx, 'marketplace.apikey.manage')
    return { data: await apiKeyViews(await ApiKey.query().orderBy('created_at', 'desc')) }
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'marketplace.apikey.manage')
    const input = await ctx.request.validateUsing(createApiKeyValidator)
    const { key, token } = await new ManageApiKeys().create(input, actorOf(ctx))
    return ctx.response.created({ apiKey: (await apiKeyViews([key]))[0], token })
  }

  async revoke(ctx: HttpContext) {
    await authorize(ctx, 'marketplace.apikey.manage')
    const key = await new ManageApiKeys().revoke(ctx.params.apiKeyId, actorOf(ctx))
    return { apiKey: (await apiKeyViews([key]))[0] }
  }
}

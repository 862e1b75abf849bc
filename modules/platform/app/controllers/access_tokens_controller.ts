import type { HttpContext } from '@adonisjs/core/http'
import User from '../models/user.ts'
import { createAccessTokenValidator } from '../validators/auth.ts'
import {
  serializeAccessToken,
  serializeNewAccessToken,
} from '../transformers/access_token_transformer.ts'
import { notFound } from '@ia/kernel/contracts'

/** Personal access tokens for API clients (sent as `Authorization: Bearer <token>`). */
export default class AccessTokensController {
  async index({ auth }: HttpContext) {
    const tokens = await User.accessTokens.all(auth.user!)
    return { data: tokens.map(serializeAccessToken) }
  }

  async store(ctx: HttpContext) {
    const { name, expiresInDays } = await ctx.request.validateUsing(createAccessTokenValidator)
    const token = await User.accessTokens.create(ctx.auth.user!, ['*'], {
      name,
      expiresIn: expiresInDays ? `${expiresInDays} days` : undefined,
    })
    return ctx.response.created({ token: serializeNewAccessToken(token) })
  }

  async destroy({ auth, params, response }: HttpContext) {
    const tokenId = String(params.tokenId)
    if (!/^[1-9][0-9]{0,17}$/.test(tokenId)) throw notFound()
    const deleted = await User.accessTokens.delete(auth.user!, tokenId)
    if (!deleted) throw notFound()
    return response.noContent()
  }
}

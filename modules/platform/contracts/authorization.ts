import type { HttpContext } from '@adonisjs/core/http'
import { holdsPermission } from '../app/policies/abilities.ts'

/** Fails with 403 unless the current member's role grants `permission` (`<module>.<resource>.<action>`). */
export async function authorize(ctx: HttpContext, permission: string) {
  await ctx.bouncer.authorize(holdsPermission, ctx.membership, permission)
}

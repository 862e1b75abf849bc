import type { HttpContext } from '@adonisjs/core/http'
import { holdsPermission } from '../app/policies/abilities.ts'
import { moduleCatalog } from '@ia/kernel/catalog'
import type { Authorizer } from '@ia/kernel/contracts'

/** Every permission the modules declare in their module.json. */
const declared = new Set(moduleCatalog.modules.flatMap((module) => module.permissions))

/** Fails with 403 unless the current member's role grants `permission` (`<module>.<resource>.<action>`). */
export async function authorize(ctx: HttpContext, permission: string) {
  // A typo would otherwise be a permission nobody reviews: the route's first test fails instead.
  if (!declared.has(permission))
    throw new Error(`Permission "${permission}" is not declared in any module.json`)
  await ctx.bouncer.authorize(holdsPermission, ctx.membership, permission)
}

/** The platform's implementation of the kernel's authorisation port. */
export const authorizer: Authorizer = { authorize }

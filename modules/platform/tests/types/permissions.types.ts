/*
 * Checked by the typecheck (tsc), never run: each `@ts-expect-error` fails the typecheck the day the
 * line it marks compiles. A permission named in backend code must be one a module.json declares.
 */
import type { HttpContext } from '@adonisjs/core/http'
import { authorize, describeRoute, type ModulePermissions } from '@ia/kernel/contracts'

/** `authorize` takes the declared permissions only. */
export async function checksDeclaredPermissions(ctx: HttpContext) {
  await authorize(ctx, 'contacts.contact.read')
  // @ts-expect-error no module.json declares this action
  await authorize(ctx, 'contacts.contact.fly')
  const manage: ModulePermissions['platform'] = 'platform.member.manage'
  // @ts-expect-error a module's permissions are its own
  const foreign: ModulePermissions['platform'] = 'contacts.contact.read'
  void manage
  void foreign
}

/** So does a route description. */
export function describesWithDeclaredPermissions() {
  describeRoute('GET /api/v1/orgs/:orgId/nowhere', {
    summary: 'x',
    tags: [],
    // @ts-expect-error no module.json declares this resource
    permission: 'platform.nowhere.read',
    responses: {},
  })
}

import type { HttpContext } from '@adonisjs/core/http'

/**
 * The permissions each module declares in its module.json, by module id. Empty here: `node ace
 * openapi:types` writes them from every module.json into `backend/types/module_permissions.ts`, which
 * fills this interface, so a permission named in code is checked against the manifests and never copied.
 */
export interface ModulePermissions {}

/** A permission some module declares (`<module>.<resource>.<action>`); any string until the list is generated. */
export type Permission = keyof ModulePermissions extends never
  ? string
  : ModulePermissions[keyof ModulePermissions]

/** Decides whether the current member may do something. */
export interface Authorizer {
  /** Fails with 403 unless the current member's role grants `permission` (`<module>.<resource>.<action>`). */
  authorize(ctx: HttpContext, permission: Permission): Promise<void>
}

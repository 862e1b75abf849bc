import { http } from '../config'
import type { Id, ModuleCatalogueEntry, PublicRemote, ShellManifest } from '../types'
import { orgPath } from './organizations'

/** The module catalogue with each module's state in the organisation. */
export function listModules(orgId: Id): Promise<{ data: ModuleCatalogueEntry[] }> {
  return http.get(orgPath(orgId, '/modules'))
}

/** Enables a module (admins); 409 `E_MODULE_DEPENDENCY_MISSING` names what it needs first. */
export function enableModule(
  orgId: Id,
  moduleId: string
): Promise<{ module: ModuleCatalogueEntry }> {
  return http.post(orgPath(orgId, `/modules/${encodeURIComponent(moduleId)}/enable`))
}

/** Disables a module (admins); 409 `E_MODULE_REQUIRED_BY` names the modules that need it. */
export function disableModule(
  orgId: Id,
  moduleId: string
): Promise<{ module: ModuleCatalogueEntry }> {
  return http.post(orgPath(orgId, `/modules/${encodeURIComponent(moduleId)}/disable`))
}

/** The enabled modules' remotes, routes, navigation and file hashes. */
export function getShellManifest(orgId: Id): Promise<ShellManifest> {
  return http.get(orgPath(orgId, '/shell-manifest'))
}

/** The remote of a module's public page (no account needed); 404 `E_MODULE_NOT_FOUND` when it has none. */
export function getPublicRemote(moduleId: string): Promise<PublicRemote> {
  return http.get(`/api/v1/public/modules/${encodeURIComponent(moduleId)}/remote`)
}

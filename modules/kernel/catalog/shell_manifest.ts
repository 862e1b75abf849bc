/*
 * The module registry's contract and the shell manifest: what the shell needs to load the remote of
 * each module an organisation has enabled. The platform implements the registry on its database.
 */
import type { DiscoveredModule } from './module_catalog.ts'

/** A module as an organisation sees it in the catalogue. */
export type ModuleState = {
  id: string
  version: string
  name: DiscoveredModule['name']
  description: DiscoveredModule['description']
  category: string
  depends: string[]
  dependants: string[]
  enabled: boolean
  enabledAt: string | null
  /** Where the module's pages live in the shell (`/contacts`), so a bookmark of a disabled module is recognised; null without pages. */
  routeBase: string | null
  /** The vendor of a module installed from the marketplace; null for the platform's own modules. */
  vendor: { name: string; audited: boolean } | null
}

/** One enabled module as the shell needs it to load its remote. */
export type ShellModule = {
  id: string
  version: string
  name: DiscoveredModule['name']
  remote: { name: string; entry: string; integrity: Record<string, string> }
  routeBase: string
  navigation: NonNullable<DiscoveredModule['remote']>['navigation']
  /**
   * How the shell runs the remote: `first-party` and `audited` in the page, `sandboxed` in an iframe of
   * another origin. A vendor module also names its hash list counter-signed by the marketplace.
   */
  trust: 'first-party' | 'audited' | 'sandboxed'
  signedHashList: string | null
}

/** A file of a built remote: a relative path without `..`, and its SHA-384 hash (the only one the shell checks). */
const SAFE_PATH = /^(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._\-/]+$/
const SRI_HASH = /^sha384-[A-Za-z0-9+/]{64}$/

/** The hashes of a remote's integrity.json that are well formed; null when the file is unusable. */
export function parseIntegrity(text: string): Record<string, string> | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return null
  }
  const files = (parsed as { files?: unknown } | null)?.files
  if (!files || typeof files !== 'object') return null
  const entries = Object.entries(files as Record<string, unknown>).filter(
    (entry): entry is [string, string] =>
      SAFE_PATH.test(entry[0]) &&
      !entry[0].startsWith('/') &&
      typeof entry[1] === 'string' &&
      SRI_HASH.test(entry[1])
  )
  const hashes = Object.fromEntries(entries)
  // Without a hash for its entry the shell could not verify anything the remote loads.
  return hashes['remoteEntry.js'] ? hashes : null
}

/** The shell's entry for one enabled module, its remote served under `/remotes/<id>/`, from its checked hashes. */
export function shellModule(
  module: DiscoveredModule,
  remote: NonNullable<DiscoveredModule['remote']>,
  integrity: Record<string, string>
): ShellModule {
  const base = `/remotes/${module.id}/`
  return {
    id: module.id,
    version: module.version,
    name: module.name,
    remote: {
      name: remote.name,
      entry: `${base}remoteEntry.js`,
      integrity: Object.fromEntries(
        Object.entries(integrity).map(([file, hash]) => [base + file, hash])
      ),
    },
    routeBase: remote.routeBase,
    navigation: remote.navigation,
    trust: 'first-party',
    signedHashList: null,
  }
}

/** A module's remote as an anonymous page needs it: enough to load its `./PublicPage`, nothing of an organisation. */
export type PublicRemote = {
  id: string
  version: string
  name: DiscoveredModule['name']
  remote: ShellModule['remote']
}

/** Which modules an organisation has enabled, and changing that (dependencies enforced both ways). */
export interface ModuleRegistryContract {
  /** The ids of the organisation's enabled modules, always-on ones included. */
  enabledIds(organizationId: string): Promise<Set<string>>
  isEnabled(organizationId: string, moduleId: string): Promise<boolean>
  /** The optional modules with their state for the organisation. */
  list(organizationId: string): Promise<ModuleState[]>
  enable(
    organizationId: string,
    moduleId: string,
    actor: { id: string; ip: string | null }
  ): Promise<ModuleState>
  disable(
    organizationId: string,
    moduleId: string,
    actor: { id: string; ip: string | null }
  ): Promise<ModuleState>
  /** The remotes the shell loads for the organisation. */
  shellManifest(organizationId: string): Promise<{ modules: ShellModule[] }>
}

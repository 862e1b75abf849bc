import { readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { CacheProvider } from '@adonisjs/cache/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ModuleCatalog, DiscoveredModule } from '../../kernel/module_catalog.ts'
import type { DomainModuleProvider } from '../../contracts/domain_module.ts'
import { DomainError } from '../../contracts/domain_error.ts'
import OrganizationModule from '../models/organization_module.ts'
import { auditLog } from './audit_log.ts'
import { tenantContext } from '../../contracts/tenant_context.ts'

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
}

/** One enabled module as the shell needs it to load its remote. */
export type ShellModule = {
  id: string
  version: string
  name: DiscoveredModule['name']
  remote: { name: string; entry: string; integrity: Record<string, string> }
  routeBase: string
  navigation: NonNullable<DiscoveredModule['remote']>['navigation']
}

/** A file of a built remote: a relative path without `..`, and its SHA-384 hash (the only one the shell checks). */
const SAFE_PATH = /^(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._\-/]+$/
const SRI_HASH = /^sha384-[A-Za-z0-9+/]{64}$/

/** The hashes of a remote's integrity.json that are well formed; null when the file is unusable. */
function parseIntegrity(text: string): Record<string, string> | null {
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
      SAFE_PATH.test(entry[0]) && !entry[0].startsWith('/') && typeof entry[1] === 'string' && SRI_HASH.test(entry[1])
  )
  const hashes = Object.fromEntries(entries)
  // Without a hash for its entry the shell could not verify anything the remote loads.
  return hashes['remoteEntry.js'] ? hashes : null
}

/** Enables and disables modules per organisation, enforcing dependencies both ways. */
export class ModuleRegistry {
  readonly #integrityCache = new Map<string, { mtimeMs: number; files: Record<string, string> | null }>()

  /**
   * `cache` holds each organisation's enabled set (read on every request of a module route); enable and
   * disable delete the entry after their transaction commits. `cacheTtl` bounds how long another process
   * may keep a stale copy when no bus carries that deletion to it. With `pinIntegrity` (production), a
   * remote's hashes are the ones read first and stay so until a restart: whoever can rewrite a built
   * remote's files in place cannot make the shell accept them by rewriting its integrity.json too.
   */
  constructor(
    readonly catalog: ModuleCatalog,
    private readonly providers: Map<string, DomainModuleProvider>,
    private readonly cache: CacheProvider,
    private readonly cacheTtl: string,
    private readonly pinIntegrity = false
  ) {}

  #cacheKey(organizationId: string) {
    return `platform:modules:enabled:${organizationId}`
  }

  /** The ids of the modules enabled for an organisation (always-on ones included). */
  async enabledIds(organizationId: string): Promise<Set<string>> {
    const stored = await this.cache.getOrSet({
      key: this.#cacheKey(organizationId),
      ttl: this.cacheTtl,
      factory: async () => {
        const rows = await OrganizationModule.query()
          .where('organization_id', organizationId)
          .where('enabled', true)
          .select('module_id')
        return rows.map((row) => row.moduleId)
      },
    })
    const ids = new Set(stored)
    for (const module of this.catalog.modules) if (module.alwaysOn) ids.add(module.id)
    return ids
  }

  /** Whether one module is enabled for an organisation. */
  async isEnabled(organizationId: string, moduleId: string) {
    const module = this.catalog.find(moduleId)
    if (!module) return false
    if (module.alwaysOn) return true
    return (await this.enabledIds(organizationId)).has(moduleId)
  }

  /** Drops the organisation's cached enabled set, in this process and (through the bus) in every other. */
  async forgetEnabled(organizationId: string) {
    await this.cache.delete({ key: this.#cacheKey(organizationId) })
  }

  /** The catalogue of optional modules with their state for one organisation. */
  async list(organizationId: string): Promise<ModuleState[]> {
    const rows = await OrganizationModule.query().where('organization_id', organizationId)
    const byId = new Map(rows.map((row) => [row.moduleId, row]))
    return this.catalog.optional().map((module) => this.#state(module, byId.get(module.id)))
  }

  #state(module: DiscoveredModule, row?: OrganizationModule): ModuleState {
    return {
      id: module.id,
      version: module.version,
      name: module.name,
      description: module.description,
      category: module.category,
      depends: module.depends.filter((id) => !this.catalog.find(id)?.alwaysOn),
      dependants: this.catalog
        .optional()
        .filter((other) => other.depends.includes(module.id))
        .map((other) => other.id),
      enabled: row?.enabled ?? false,
      enabledAt: row?.enabled ? (row.enabledAt?.toISO() ?? null) : null,
      routeBase: module.remote?.routeBase ?? null,
    }
  }

  #optionalModule(moduleId: string) {
    const module = this.catalog.find(moduleId)
    if (!module || module.alwaysOn) {
      throw new DomainError('E_MODULE_NOT_FOUND', 404, 'platform.errors.E_MODULE_NOT_FOUND')
    }
    return module
  }

  /** Enables a module; its dependencies must be enabled first. Runs its install hook once. */
  async enable(organizationId: string, moduleId: string, actor: { id: string; ip: string | null }) {
    const module = this.#optionalModule(moduleId)
    const state = await db.transaction(async (trx) => {
      // Serialises concurrent enable/disable calls of one organisation.
      await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [`modules:${organizationId}`])
      const enabled = await this.#enabledIdsIn(trx, organizationId)
      const missing = module.depends.filter((id) => !enabled.has(id))
      if (missing.length) {
        throw new DomainError('E_MODULE_DEPENDENCY_MISSING', 409, 'platform.errors.E_MODULE_DEPENDENCY_MISSING', {
          module: module.id,
          missing: missing.join(', '),
        })
      }
      const now = DateTime.now()
      let row = await OrganizationModule.query({ client: trx })
        .where('organization_id', organizationId)
        .where('module_id', moduleId)
        .forUpdate()
        .first()
      if (row?.enabled) return this.#state(module, row)
      if (!row) {
        row = new OrganizationModule().useTransaction(trx)
        row.merge({ organizationId, moduleId, installedAt: now })
        const provider = this.providers.get(moduleId)
        // Enabling may happen outside a request of that organisation (a seeder, a command): its models need the context.
        if (provider?.installForOrganization) await tenantContext.run(organizationId, () => provider.installForOrganization!(organizationId, trx))
      }
      row.merge({ enabled: true, enabledAt: now, disabledAt: null })
      await row.save()
      await auditLog.record(
        { organizationId, actorId: actor.id, action: 'module.enabled', subjectType: 'module', subjectId: moduleId, ip: actor.ip },
        trx
      )
      return this.#state(module, row)
    })
    await this.forgetEnabled(organizationId)
    return state
  }

  /** Disables a module, keeping its data; modules that depend on it must be disabled first. */
  async disable(organizationId: string, moduleId: string, actor: { id: string; ip: string | null }) {
    const module = this.#optionalModule(moduleId)
    const state = await db.transaction(async (trx) => {
      await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [`modules:${organizationId}`])
      const enabled = await this.#enabledIdsIn(trx, organizationId)
      const dependants = this.catalog
        .optional()
        .filter((other) => other.depends.includes(moduleId) && enabled.has(other.id))
        .map((other) => other.id)
      if (dependants.length) {
        throw new DomainError('E_MODULE_REQUIRED_BY', 409, 'platform.errors.E_MODULE_REQUIRED_BY', {
          module: module.id,
          dependants: dependants.join(', '),
        })
      }
      const row = await OrganizationModule.query({ client: trx })
        .where('organization_id', organizationId)
        .where('module_id', moduleId)
        .forUpdate()
        .first()
      if (!row || !row.enabled) return this.#state(module, row ?? undefined)
      row.merge({ enabled: false, disabledAt: DateTime.now() })
      await row.save()
      await auditLog.record(
        { organizationId, actorId: actor.id, action: 'module.disabled', subjectType: 'module', subjectId: moduleId, ip: actor.ip },
        trx
      )
      return this.#state(module, row)
    })
    await this.forgetEnabled(organizationId)
    return state
  }

  async #enabledIdsIn(trx: TransactionClientContract, organizationId: string) {
    const rows = await OrganizationModule.query({ client: trx })
      .where('organization_id', organizationId)
      .where('enabled', true)
    const ids = new Set(rows.map((row) => row.moduleId))
    for (const module of this.catalog.modules) if (module.alwaysOn) ids.add(module.id)
    return ids
  }

  /** The folder a module's built remote is served from. */
  remoteDist(module: DiscoveredModule) {
    return module.remote ? resolve(module.root, module.remote.dist) : null
  }

  /** Everything the shell needs to load the remotes of an organisation's enabled modules. */
  async shellManifest(organizationId: string): Promise<{ modules: ShellModule[] }> {
    const enabled = await this.enabledIds(organizationId)
    const modules: ShellModule[] = []
    for (const module of this.catalog.modules) {
      if (!enabled.has(module.id) || !module.remote) continue
      const integrity = await this.#integrity(module)
      if (!integrity) continue
      const base = `/remotes/${module.id}/`
      modules.push({
        id: module.id,
        version: module.version,
        name: module.name,
        remote: {
          name: module.remote.name,
          entry: `${base}remoteEntry.js`,
          integrity: Object.fromEntries(Object.entries(integrity).map(([file, hash]) => [base + file, hash])),
        },
        routeBase: module.remote.routeBase,
        navigation: module.remote.navigation,
      })
    }
    return { modules }
  }

  /** The remote's build-time hashes, or null when the remote has not been built (or its integrity.json is unusable). */
  async #integrity(module: DiscoveredModule) {
    const file = join(this.remoteDist(module)!, 'integrity.json')
    let mtimeMs: number
    try {
      mtimeMs = (await stat(file)).mtimeMs
    } catch {
      return null
    }
    const cached = this.#integrityCache.get(file)
    if (cached?.files && this.pinIntegrity) return cached.files
    if (cached && cached.mtimeMs === mtimeMs) return cached.files
    const files = parseIntegrity(await readFile(file, 'utf8').catch(() => ''))
    this.#integrityCache.set(file, { mtimeMs, files })
    return files
  }
}

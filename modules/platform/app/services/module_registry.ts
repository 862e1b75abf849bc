import { readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { ModuleCatalog, DiscoveredModule } from '../../kernel/module_catalog.ts'
import type { DomainModuleProvider } from '../../contracts/domain_module.ts'
import { DomainError } from '../../contracts/domain_error.ts'
import OrganizationModule from '../models/organization_module.ts'
import { auditLog } from './audit_log.ts'

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

type IntegrityFile = { files: Record<string, string> }

/** Enables and disables modules per organisation, enforcing dependencies both ways. */
export class ModuleRegistry {
  readonly #integrityCache = new Map<string, { mtimeMs: number; files: Record<string, string> }>()

  constructor(
    readonly catalog: ModuleCatalog,
    private readonly providers: Map<string, DomainModuleProvider>
  ) {}

  /** The ids of the modules enabled for an organisation (always-on ones included). */
  async enabledIds(organizationId: string): Promise<Set<string>> {
    const rows = await OrganizationModule.query()
      .where('organization_id', organizationId)
      .where('enabled', true)
      .select('module_id')
    const ids = new Set(rows.map((row) => row.moduleId))
    for (const module of this.catalog.modules) if (module.alwaysOn) ids.add(module.id)
    return ids
  }

  /** Whether one module is enabled for an organisation. */
  async isEnabled(organizationId: string, moduleId: string) {
    const module = this.catalog.find(moduleId)
    if (!module) return false
    if (module.alwaysOn) return true
    const row = await OrganizationModule.query()
      .where('organization_id', organizationId)
      .where('module_id', moduleId)
      .where('enabled', true)
      .first()
    return Boolean(row)
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
    return db.transaction(async (trx) => {
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
        await this.providers.get(moduleId)?.installForOrganization?.(organizationId, trx)
      }
      row.merge({ enabled: true, enabledAt: now, disabledAt: null })
      await row.save()
      await auditLog.record(
        { organizationId, actorId: actor.id, action: 'module.enabled', subjectType: 'module', subjectId: moduleId, ip: actor.ip },
        trx
      )
      return this.#state(module, row)
    })
  }

  /** Disables a module, keeping its data; modules that depend on it must be disabled first. */
  async disable(organizationId: string, moduleId: string, actor: { id: string; ip: string | null }) {
    const module = this.#optionalModule(moduleId)
    return db.transaction(async (trx) => {
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
  }

  async #enabledIdsIn(trx: Parameters<Parameters<typeof db.transaction>[0]>[0], organizationId: string) {
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

  /** The remote's build-time hashes, or null when the remote has not been built. */
  async #integrity(module: DiscoveredModule) {
    const file = join(this.remoteDist(module)!, 'integrity.json')
    let mtimeMs: number
    try {
      mtimeMs = (await stat(file)).mtimeMs
    } catch {
      return null
    }
    const cached = this.#integrityCache.get(file)
    if (cached && cached.mtimeMs === mtimeMs) return cached.files
    const parsed = JSON.parse(await readFile(file, 'utf8')) as IntegrityFile
    this.#integrityCache.set(file, { mtimeMs, files: parsed.files })
    return parsed.files
  }
}

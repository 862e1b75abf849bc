import { readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { CacheProvider } from '@adonisjs/cache/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  parseIntegrity,
  shellModule,
  type DiscoveredModule,
  type ModuleCatalog,
  type ModuleRegistryContract,
  type ModuleState,
  type PublicRemote,
  type ShellModule,
} from '@ia/kernel/catalog'
import {
  type DomainModuleProvider,
  type VendorModuleSource,
  DomainError,
  tenantContext,
} from '@ia/kernel/contracts'
import OrganizationModule from '../models/organization_module.ts'
import { auditLog } from './audit_log.ts'

/** Enables and disables modules per organisation, enforcing dependencies both ways. */
export class ModuleRegistry implements ModuleRegistryContract {
  readonly #integrityCache = new Map<
    string,
    { mtimeMs: number; files: Record<string, string> | null }
  >()

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
    private readonly pinIntegrity = false,
    private readonly vendorModules: () => Promise<VendorModuleSource | null> = async () => null
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
    const vendorModules = await this.vendorModules()
    // Side by side: the platform's own modules, then those the organisation installed from the marketplace.
    return [
      ...this.catalog.optional().map((module) => this.#state(module, byId.get(module.id))),
      ...((await vendorModules?.list(organizationId)) ?? []),
    ]
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
      vendor: null,
    }
  }

  #optionalModule(moduleId: string) {
    const module = this.catalog.find(moduleId)
    if (!module || module.alwaysOn) {
      throw new DomainError('E_MODULE_NOT_FOUND', 404, 'platform.errors.E_MODULE_NOT_FOUND')
    }
    return module
  }

  /** A vendor module's new state, when `moduleId` is one the organisation installed from the marketplace. */
  async #setVendorModule(
    organizationId: string,
    moduleId: string,
    enabled: boolean,
    actor: { id: string; ip: string | null }
  ) {
    if (this.catalog.find(moduleId)) return null
    const vendorModules = await this.vendorModules()
    return (await vendorModules?.setEnabled(organizationId, moduleId, enabled, actor)) ?? null
  }

  /** Enables a module; its dependencies must be enabled first. Runs its install hook once. */
  async enable(organizationId: string, moduleId: string, actor: { id: string; ip: string | null }) {
    const vendorState = await this.#setVendorModule(organizationId, moduleId, true, actor)
    if (vendorState) return vendorState
    const module = this.#optionalModule(moduleId)
    const state = await db.transaction(async (trx) => {
      // Serialises concurrent enable/disable calls of one organisation.
      await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [`modules:${organizationId}`])
      const enabled = await this.#enabledIdsIn(trx, organizationId)
      const missing = module.depends.filter((id) => !enabled.has(id))
      if (missing.length) {
        throw new DomainError(
          'E_MODULE_DEPENDENCY_MISSING',
          409,
          'platform.errors.E_MODULE_DEPENDENCY_MISSING',
          {
            module: module.id,
            missing: missing.join(', '),
          }
        )
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
        if (provider?.installForOrganization)
          await tenantContext.run(organizationId, () =>
            provider.installForOrganization!(organizationId, trx)
          )
      }
      row.merge({ enabled: true, enabledAt: now, disabledAt: null })
      await row.save()
      await auditLog.record(
        {
          organizationId,
          actorId: actor.id,
          action: 'module.enabled',
          subjectType: 'module',
          subjectId: moduleId,
          ip: actor.ip,
        },
        trx
      )
      return this.#state(module, row)
    })
    await this.forgetEnabled(organizationId)
    return state
  }

  /**
   * Fills a demo organisation: enables, in dependency order, every module whose provider has demo
   * records (`seedDemo`), then seeds them all in one transaction. The host's seeder names no module.
   */
  async seedDemo(organizationId: string, actor: { id: string; ip: string | null }) {
    const seeded = this.catalog
      .optional()
      .filter((module) => this.providers.get(module.id)?.seedDemo)
      .map((module) => module.id)
    for (const moduleId of seeded) await this.enable(organizationId, moduleId, actor)
    await db.transaction((trx) => this.loadSampleData(organizationId, seeded, trx))
    return seeded
  }

  /** The organisation's enabled modules that have sample data to offer (their provider's `seedDemo`), in catalogue order. */
  async sampleDataModules(organizationId: string) {
    const enabled = await this.enabledIds(organizationId)
    return this.catalog
      .optional()
      .filter((module) => enabled.has(module.id) && this.providers.get(module.id)?.seedDemo)
      .map((module) => module.id)
  }

  /**
   * Adds the sample data of `moduleIds` in `trx`, then indexes the organisation for search in the same
   * transaction (on the embedded PostgreSQL, one session, a second connection would wait for this one).
   * `done` is told after each module.
   */
  async loadSampleData(
    organizationId: string,
    moduleIds: string[],
    trx: TransactionClientContract,
    done?: (index: number) => Promise<void>
  ) {
    for (const [index, moduleId] of moduleIds.entries()) {
      await tenantContext.run(organizationId, () =>
        this.providers.get(moduleId)?.seedDemo?.(organizationId, trx)
      )
      await done?.(index)
    }
    await (await app.container.make('platform.search')).rebuild({ organizationId, client: trx })
  }

  /**
   * Removes the sample data of every module that can remove it (a module disabled since still holds
   * its sample rows), in `trx`, then indexes the organisation again; `done` is told after each module.
   */
  async removeSampleData(
    organizationId: string,
    trx: TransactionClientContract,
    done?: (index: number, total: number) => Promise<void>
  ) {
    const removable = this.catalog
      .optional()
      .filter((module) => this.providers.get(module.id)?.removeDemo)
    for (const [index, module] of removable.entries()) {
      await tenantContext.run(organizationId, () =>
        this.providers.get(module.id)!.removeDemo!(organizationId, trx)
      )
      await done?.(index, removable.length)
    }
    await (await app.container.make('platform.search')).rebuild({ organizationId, client: trx })
  }

  /** Disables a module, keeping its data; modules that depend on it must be disabled first. */
  async disable(
    organizationId: string,
    moduleId: string,
    actor: { id: string; ip: string | null }
  ) {
    const vendorState = await this.#setVendorModule(organizationId, moduleId, false, actor)
    if (vendorState) return vendorState
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
        {
          organizationId,
          actorId: actor.id,
          action: 'module.disabled',
          subjectType: 'module',
          subjectId: moduleId,
          ip: actor.ip,
        },
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
      if (integrity) modules.push(shellModule(module, module.remote, integrity))
    }
    const vendorModules = await this.vendorModules()
    if (vendorModules) modules.push(...(await vendorModules.shellModules(organizationId)))
    return { modules }
  }

  /**
   * The remote of a module that declares a public page (`remote.publicPage` in its module.json), for a
   * page opened without an account: no organisation is known yet, the module's own public endpoints
   * check the token they are given. A 404 for any other module or a remote not built.
   */
  async publicRemote(moduleId: string): Promise<PublicRemote> {
    const module = this.catalog.find(moduleId)
    const integrity = module?.remote?.publicPage ? await this.#integrity(module) : null
    if (!module?.remote || !integrity) {
      throw new DomainError('E_MODULE_NOT_FOUND', 404, 'platform.errors.E_MODULE_NOT_FOUND')
    }
    const { id, version, name, remote } = shellModule(module, module.remote, integrity)
    return { id, version, name, remote }
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

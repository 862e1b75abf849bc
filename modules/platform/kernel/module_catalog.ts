import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** A localised label, French first. */
export type LocalizedText = { fr: string; en: string }

/** A navigation entry a module adds to the shell. */
export type ModuleNavigationItem = {
  path: string
  label: LocalizedText
  icon?: string
  permission?: string
}

/** What a module declares about itself in its module.json. */
export type ModuleManifest = {
  id: string
  version: string
  name: LocalizedText
  description: LocalizedText
  category: string
  alwaysOn?: boolean
  depends: string[]
  permissions: string[]
  events?: { publishes?: string[]; consumes?: string[] }
  provider: string | null
  remote: {
    name: string
    dist: string
    routeBase: string
    navigation: ModuleNavigationItem[]
  } | null
}

/** A discovered module: its manifest and where it lives on disk. */
export type DiscoveredModule = ModuleManifest & { root: string }

const MODULE_ID = /^[a-z][a-z0-9-]{1,40}$/

function readManifest(root: string): DiscoveredModule {
  const file = join(root, 'module.json')
  let manifest: ModuleManifest
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`Cannot read module manifest ${file}: ${(error as Error).message}`)
  }
  if (!MODULE_ID.test(manifest.id ?? '')) throw new Error(`${file}: "id" must match ${MODULE_ID}`)
  for (const key of ['version', 'name', 'description', 'category'] as const) {
    if (!manifest[key]) throw new Error(`${file}: "${key}" is required`)
  }
  if (!Array.isArray(manifest.depends) || !Array.isArray(manifest.permissions)) {
    throw new Error(`${file}: "depends" and "permissions" must be arrays`)
  }
  for (const permission of manifest.permissions) {
    if (!permission.startsWith(`${manifest.id}.`)) {
      throw new Error(`${file}: permission "${permission}" must start with "${manifest.id}."`)
    }
  }
  return { ...manifest, root }
}

/** Orders modules so that each comes after the modules it depends on. */
function sortByDependencies(modules: DiscoveredModule[]): DiscoveredModule[] {
  const byId = new Map(modules.map((module) => [module.id, module]))
  const sorted: DiscoveredModule[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (module: DiscoveredModule, path: string[]) => {
    if (state.get(module.id) === 'done') return
    if (state.get(module.id) === 'visiting') {
      throw new Error(`Module dependency cycle: ${[...path, module.id].join(' -> ')}`)
    }
    state.set(module.id, 'visiting')
    for (const dependency of module.depends) {
      const target = byId.get(dependency)
      if (!target) throw new Error(`Module "${module.id}" depends on unknown module "${dependency}"`)
      visit(target, [...path, module.id])
    }
    state.set(module.id, 'done')
    sorted.push(module)
  }
  const platform = byId.get('platform')
  if (platform) visit(platform, [])
  for (const module of [...modules].sort((a, b) => a.id.localeCompare(b.id))) visit(module, [])
  return sorted
}

/** The modules found under one folder, read once. */
export class ModuleCatalog {
  readonly modules: DiscoveredModule[]

  constructor(
    readonly modulesRoot: string,
    private readonly appRoot: string
  ) {
    const roots = existsSync(modulesRoot)
      ? readdirSync(modulesRoot, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && existsSync(join(modulesRoot, entry.name, 'module.json')))
          .map((entry) => join(modulesRoot, entry.name))
      : []
    this.modules = sortByDependencies(roots.map(readManifest))
  }

  /** The module with this id, if discovered. */
  find(id: string): DiscoveredModule | undefined {
    return this.modules.find((module) => module.id === id)
  }

  /** The modules an organisation may enable or disable (all but the always-on ones). */
  optional(): DiscoveredModule[] {
    return this.modules.filter((module) => !module.alwaysOn)
  }

  /** Migration folders relative to the backend root, in dependency order. */
  migrationPaths(): string[] {
    return this.modules
      .map((module) => join(module.root, 'database', 'migrations'))
      .filter((folder) => existsSync(folder))
      .map((folder) => relative(this.appRoot, folder).split('\\').join('/'))
  }

  /** Absolute folders holding each module's fr/en translation files. */
  languagePaths(): string[] {
    return this.modules
      .map((module) => join(module.root, 'resources', 'lang'))
      .filter((folder) => existsSync(folder))
  }
}

const here = fileURLToPath(new URL('.', import.meta.url))
const backendRoot = resolve(here, '../../../backend')

/** The catalog of the modules next to the platform (the `modules/` folder of the repository). */
export const moduleCatalog = new ModuleCatalog(resolve(here, '../..'), backendRoot)

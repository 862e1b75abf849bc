import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { basename, join, relative, resolve } from 'node:path'
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
  /** The module's provider file, relative to module.json; none when the module needs no hook (its `start/routes.ts` is loaded anyway). */
  provider?: string | null
  remote: {
    name: string
    dist: string
    routeBase: string
    navigation: ModuleNavigationItem[]
    /** The remote exposes `./PublicPage`, which the shell mounts at `/public/<id>/<token>` for people without an account. */
    publicPage?: boolean
  } | null
}

/** A discovered module: its manifest and where it lives on disk. */
export type DiscoveredModule = ModuleManifest & { root: string }

const MODULE_ID = /^[a-z][a-z0-9-]{1,40}$/

function isLocalized(text: unknown): text is LocalizedText {
  const value = text as Partial<LocalizedText> | null
  return (
    typeof value?.fr === 'string' &&
    value.fr !== '' &&
    typeof value.en === 'string' &&
    value.en !== ''
  )
}

/** The shell relies on every field of a remote: refuse a manifest that would break it at run time. */
function checkRemote(file: string, id: string, remote: NonNullable<ModuleManifest['remote']>) {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(remote.name ?? ''))
    throw new Error(`${file}: "remote.name" must be a JavaScript identifier`)
  if (typeof remote.dist !== 'string' || !remote.dist)
    throw new Error(`${file}: "remote.dist" is required`)
  if (!/^\/[a-z0-9-]+$/.test(remote.routeBase ?? ''))
    throw new Error(`${file}: "remote.routeBase" must look like "/${id}"`)
  if (!Array.isArray(remote.navigation))
    throw new Error(`${file}: "remote.navigation" must be an array`)
  if (remote.publicPage !== undefined && typeof remote.publicPage !== 'boolean')
    throw new Error(`${file}: "remote.publicPage" must be true or false`)
  for (const item of remote.navigation) {
    if (typeof item.path !== 'string' || !item.path.startsWith(remote.routeBase)) {
      throw new Error(
        `${file}: navigation path "${item.path}" must start with "${remote.routeBase}"`
      )
    }
    if (!isLocalized(item.label))
      throw new Error(`${file}: navigation "${item.path}" needs "fr" and "en" labels`)
    if (item.permission !== undefined && !item.permission.startsWith(`${id}.`)) {
      throw new Error(
        `${file}: navigation "${item.path}" names permission "${item.permission}" of another module`
      )
    }
  }
}

function readManifest(root: string): DiscoveredModule {
  const file = join(root, 'module.json')
  let manifest: ModuleManifest
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`Cannot read module manifest ${file}: ${(error as Error).message}`)
  }
  if (!MODULE_ID.test(manifest.id ?? '')) throw new Error(`${file}: "id" must match ${MODULE_ID}`)
  // The boundary check and the module's schema are named after its folder: the two must agree.
  if (manifest.id !== basename(root))
    throw new Error(`${file}: "id" must be the folder's name, "${basename(root)}"`)
  for (const key of ['version', 'category'] as const) {
    if (typeof manifest[key] !== 'string' || !manifest[key])
      throw new Error(`${file}: "${key}" is required`)
  }
  for (const key of ['name', 'description'] as const) {
    if (!isLocalized(manifest[key]))
      throw new Error(`${file}: "${key}" needs both "fr" and "en" texts`)
  }
  if (manifest.remote) checkRemote(file, manifest.id, manifest.remote)
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
      if (!target)
        throw new Error(`Module "${module.id}" depends on unknown module "${dependency}"`)
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

/** The sub-folders of `folder` (none when it does not exist). */
function moduleFolders(folder: string): string[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(folder, entry.name))
}

/** The modules found under one folder, read once. */
export class ModuleCatalog {
  readonly modules: DiscoveredModule[]
  /** Ids of the test fixture modules discovered, which nothing published (API types, shell) may name. */
  readonly testFixtureIds: ReadonlySet<string>

  /**
   * With `testFixtures`, the fixture modules of each package's tests (`<package>/tests/fixtures/modules/<id>/`)
   * are discovered too: the platform's tests run on a module of their own rather than on a domain module.
   */
  constructor(
    readonly modulesRoot: string,
    private readonly appRoot: string,
    options: { testFixtures?: boolean } = {}
  ) {
    const packages = moduleFolders(modulesRoot)
    const isModule = (root: string) => existsSync(join(root, 'module.json'))
    const fixtures = options.testFixtures
      ? packages
          .flatMap((root) => moduleFolders(join(root, 'tests', 'fixtures', 'modules')))
          .filter(isModule)
      : []
    this.modules = sortByDependencies([...packages.filter(isModule), ...fixtures].map(readManifest))
    this.testFixtureIds = new Set(fixtures.map((root) => basename(root)))
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

/** The catalog of the modules of the repository's `modules/` folder (and their test fixtures under NODE_ENV=test). */
export const moduleCatalog = new ModuleCatalog(resolve(here, '../..'), backendRoot, {
  testFixtures: process.env.NODE_ENV === 'test',
})

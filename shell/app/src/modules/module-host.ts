import type { Id, Locale, MessageTree, ShellManifest, ShellManifestModule } from '@ia/sdk'
import { computed, markRaw, reactive, type Component, type InjectionKey } from 'vue'
import type { RouteComponent, Router } from 'vue-router'
import type { IntegrityMap } from '../sw/integrity'
import {
  allowedRoutes,
  guardLazyComponents,
  integrityMapOf,
  navigationOf,
  toRemoteModule,
} from './manifest'

/** Where one module stands in the current organisation. */
export interface ModuleEntry {
  manifest: ShellManifestModule
  status: 'loading' | 'ready' | 'failed'
  error: unknown
}

/** Everything the host needs from the outside world; the app wires the real ones, tests their own. */
export interface ModuleHostDeps {
  router: Router
  /** Name of the layout route the modules' routes are added under. */
  parentRoute: string
  /** Renders a module's area: its routes, or its error panel. */
  outlet: Component
  /** Renders a sandboxed vendor module's area: its iframe, never its code in this page. */
  frame: Component
  /** Shown in place of a lazy route component whose chunk failed to load. */
  chunkError: (moduleId: string, error: unknown) => RouteComponent
  can: (permission: string) => boolean
  fetchManifest: (orgId: Id) => Promise<ShellManifest>
  /** Hands the hashes to the service worker and resolves once it enforces them. */
  prepareIntegrity: (map: IntegrityMap) => Promise<void>
  registerRemote: (remote: { name: string; entry: string }) => void
  loadRemoteModule: (remoteName: string) => Promise<unknown>
  mergeMessages: (locale: Locale, messages: MessageTree) => void
}

const routeName = (moduleId: string) => `module:${moduleId}`

// A failed module keeps its whole path so that its outlet can show the error panel at any depth.
const errorChildren = [{ path: ':pathMatch(.*)*', component: markRaw({ render: () => null }) }]

/** Loads the current organisation's modules from its shell-manifest and plugs their routes, messages and links into the shell. */
export function createModuleHost(deps: ModuleHostDeps) {
  const state = reactive({
    /** Organisation whose modules are loaded (or loading). */
    orgId: null as Id | null,
    /** 'failed' means the manifest itself could not be read. */
    status: 'idle' as 'idle' | 'loading' | 'ready' | 'failed',
    error: null as unknown,
    modules: [] as ModuleEntry[],
  })
  let pending: Promise<void> | null = null
  let generation = 0

  function addRoutes(entry: ModuleEntry, children: ReturnType<typeof allowedRoutes>): void {
    const { id, routeBase } = entry.manifest
    deps.router.addRoute(deps.parentRoute, {
      path: `/${routeBase.replace(/^\/+|\/+$/g, '')}`,
      name: routeName(id),
      component: deps.outlet,
      props: { moduleId: id },
      meta: { moduleId: id },
      children,
    })
  }

  /** A sandboxed module runs in its frame: the shell only routes its paths there. */
  function addFrameRoute(entry: ModuleEntry): void {
    const { id, routeBase } = entry.manifest
    if (deps.router.hasRoute(routeName(id))) deps.router.removeRoute(routeName(id))
    deps.router.addRoute(deps.parentRoute, {
      path: `/${routeBase.replace(/^\/+|\/+$/g, '')}`,
      name: routeName(id),
      component: deps.frame,
      props: { moduleId: id },
      meta: { moduleId: id },
      children: errorChildren,
    })
    entry.status = 'ready'
  }

  async function loadOne(entry: ModuleEntry, run: number): Promise<void> {
    const { id, remote } = entry.manifest
    if (entry.manifest.trust === 'sandboxed') return addFrameRoute(entry)
    try {
      deps.registerRemote({ name: remote.name, entry: remote.entry })
      const module = toRemoteModule(await deps.loadRemoteModule(remote.name), id)
      if (run !== generation) return
      deps.mergeMessages('fr', module.messages.fr)
      deps.mergeMessages('en', module.messages.en)
      const routes = guardLazyComponents(allowedRoutes(module.routes, deps.can), (error) =>
        deps.chunkError(id, error)
      )
      if (deps.router.hasRoute(routeName(id))) deps.router.removeRoute(routeName(id))
      if (routes.length) addRoutes(entry, routes)
      entry.status = 'ready'
      entry.error = null
    } catch (error) {
      if (run !== generation) return
      entry.status = 'failed'
      entry.error = markRaw(error instanceof Error ? error : new Error(String(error)))
      if (!deps.router.hasRoute(routeName(id))) addRoutes(entry, errorChildren)
    }
  }

  async function loadAll(orgId: Id, run: number): Promise<void> {
    state.status = 'loading'
    try {
      const manifest = await deps.fetchManifest(orgId)
      if (run !== generation) return
      state.modules = manifest.modules.map((manifestModule) => ({
        manifest: manifestModule,
        status: 'loading',
        error: null,
      }))
      const entries = state.modules
      try {
        await deps.prepareIntegrity(integrityMapOf(manifest))
      } catch (error) {
        // Without a verified service worker no remote may run: every module shows its error panel.
        for (const entry of entries) {
          entry.status = 'failed'
          entry.error = markRaw(error instanceof Error ? error : new Error(String(error)))
          addRoutes(entry, errorChildren)
        }
        state.status = 'ready'
        return
      }
      await Promise.all(entries.map((entry) => loadOne(entry, run)))
      if (run === generation) state.status = 'ready'
    } catch (error) {
      if (run !== generation) return
      state.status = 'failed'
      state.error = markRaw(error instanceof Error ? error : new Error(String(error)))
    }
  }

  /** Removes every module route and forgets the loaded modules. */
  function unload(): void {
    generation += 1
    for (const entry of state.modules) {
      if (deps.router.hasRoute(routeName(entry.manifest.id)))
        deps.router.removeRoute(routeName(entry.manifest.id))
    }
    state.modules = []
    state.orgId = null
    state.status = 'idle'
    state.error = null
    pending = null
  }

  /** Loads the organisation's modules once; another organisation replaces the current set. */
  function load(orgId: Id): Promise<void> {
    if (pending && state.orgId !== null && String(state.orgId) === String(orgId)) return pending
    unload()
    state.orgId = orgId
    pending = loadAll(orgId, generation)
    return pending
  }

  /** Reads the manifest again (after a module was enabled or disabled, or a failure). */
  function reload(): Promise<void> {
    const orgId = state.orgId
    if (orgId === null) return Promise.resolve()
    unload()
    return load(orgId)
  }

  /** Whether a module of the new manifest can keep what is already loaded for it. */
  function unchanged(entry: ModuleEntry, next: ShellManifestModule): boolean {
    const loaded = entry.manifest
    return (
      entry.status === 'ready' &&
      loaded.version === next.version &&
      loaded.trust === next.trust &&
      loaded.routeBase === next.routeBase &&
      loaded.remote.entry === next.remote.entry
    )
  }

  /**
   * Reads the manifest again and applies only the difference (after a module was installed, enabled,
   * disabled or removed): new or changed modules load, removed ones leave the routes and the navigation,
   * the others, the page in use among them, stay as they are.
   */
  function refresh(): Promise<void> {
    const orgId = state.orgId
    if (orgId === null) return Promise.resolve()
    if (state.status !== 'ready') return reload()
    const refreshing = applyManifest(orgId, generation)
    // load() answers this promise: a navigation to a new module's link waits for its routes.
    pending = refreshing.catch(() => {})
    return refreshing
  }

  async function applyManifest(orgId: Id, run: number): Promise<void> {
    const manifest = await deps.fetchManifest(orgId)
    if (run !== generation) return
    const next: ModuleEntry[] = manifest.modules.map((manifestModule) => {
      const current = state.modules.find((entry) => entry.manifest.id === manifestModule.id)
      if (current && unchanged(current, manifestModule)) {
        current.manifest = manifestModule
        return current
      }
      return { manifest: manifestModule, status: 'loading', error: null }
    })
    for (const entry of state.modules) {
      const id = entry.manifest.id
      if (!next.includes(entry) && deps.router.hasRoute(routeName(id)))
        deps.router.removeRoute(routeName(id))
    }
    state.modules = next
    const fresh = state.modules.filter((entry) => entry.status === 'loading')
    if (!fresh.length) return
    try {
      await deps.prepareIntegrity(integrityMapOf(manifest))
    } catch (error) {
      for (const entry of fresh) {
        entry.status = 'failed'
        entry.error = markRaw(error instanceof Error ? error : new Error(String(error)))
        addRoutes(entry, errorChildren)
      }
      return
    }
    await Promise.all(fresh.map((entry) => loadOne(entry, run)))
  }

  return {
    state,
    /** Sidebar links of every module of the manifest, filtered by permission. */
    navigation: computed(() =>
      navigationOf(
        state.modules.map((entry) => entry.manifest),
        deps.can
      )
    ),
    load,
    reload,
    refresh,
    unload,
    /** The entry of one module, if the manifest lists it. */
    module: (moduleId: string) => state.modules.find((entry) => entry.manifest.id === moduleId),
  }
}

/** The shell's module host. */
export type ModuleHost = ReturnType<typeof createModuleHost>

/** Injection key of the module host, provided by the app. */
export const moduleHostKey: InjectionKey<ModuleHost> = Symbol('ia-module-host')

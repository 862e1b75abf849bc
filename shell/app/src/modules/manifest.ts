import type {
  LocalizedText,
  MessageTree,
  RemoteModule,
  ShellManifest,
  ShellManifestModule,
} from '@ia/sdk'
import type { RouteComponent, RouteRecordRaw } from 'vue-router'
import type { IntegrityMap } from '../sw/integrity'

/** A sidebar link of a module. */
export interface ModuleNavLink {
  moduleId: string
  path: string
  label: LocalizedText
  icon: string
}

/** Every file hash of every module of a manifest, in one map for the service worker. */
export function integrityMapOf(manifest: ShellManifest): IntegrityMap {
  const map: IntegrityMap = {}
  for (const module of manifest.modules) Object.assign(map, module.remote.integrity)
  return map
}

/** The sidebar links of the given modules that the user's permissions allow. */
export function navigationOf(
  modules: ShellManifestModule[],
  can: (permission: string) => boolean
): ModuleNavLink[] {
  return modules.flatMap((module) =>
    module.navigation
      .filter((item) => !item.permission || can(item.permission))
      .map((item) => ({
        moduleId: module.id,
        path: item.path,
        label: item.label,
        icon: item.icon ?? 'grid',
      }))
  )
}

/** Drops the routes (and their children) whose `meta.permission` the user lacks; makes paths relative to the module's base. */
export function allowedRoutes(
  routes: RouteRecordRaw[],
  can: (permission: string) => boolean
): RouteRecordRaw[] {
  return routes
    .filter((route) => !route.meta?.permission || can(route.meta.permission))
    .map((route) => {
      const relative = { ...route, path: route.path.replace(/^\/+/, '') } as RouteRecordRaw
      return route.children
        ? ({ ...relative, children: allowedRoutes(route.children, can) } as RouteRecordRaw)
        : relative
    })
}

// vue-router treats a function without these markers as a lazy loader (`() => import(...)`).
function isLazyLoader(
  component: unknown
): component is () => Promise<RouteComponent | { default: RouteComponent }> {
  return (
    typeof component === 'function' &&
    !('displayName' in component || 'props' in component || '__vccOpts' in component)
  )
}

/** Replaces each lazy route component so that a chunk that fails to load renders `fallback(error)` instead of breaking navigation. */
export function guardLazyComponents(
  routes: RouteRecordRaw[],
  fallback: (error: unknown) => RouteComponent
): RouteRecordRaw[] {
  return routes.map((route) => {
    const guarded = { ...route } as RouteRecordRaw & {
      component?: unknown
      components?: Record<string, unknown>
    }
    if (isLazyLoader(guarded.component)) {
      const load = guarded.component
      guarded.component = () => load().catch((error: unknown) => fallback(error))
    }
    if (guarded.components) {
      guarded.components = Object.fromEntries(
        Object.entries(guarded.components).map(([name, component]) => {
          if (!isLazyLoader(component)) return [name, component]
          return [name, () => component().catch((error: unknown) => fallback(error))]
        })
      )
    }
    if (route.children)
      (guarded as { children: RouteRecordRaw[] }).children = guardLazyComponents(
        route.children,
        fallback
      )
    return guarded as RouteRecordRaw
  })
}

function isMessageTree(value: unknown): value is MessageTree {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Checks what a remote's `./module` exported against the contract; throws an Error saying what is wrong. */
export function toRemoteModule(exported: unknown, expectedId: string): RemoteModule {
  const candidate = (exported as { default?: unknown } | null)?.default ?? exported
  if (typeof candidate !== 'object' || candidate === null)
    throw new Error(`Remote "${expectedId}" exposes no module object`)
  const module = candidate as Partial<RemoteModule>
  if (module.id !== expectedId)
    throw new Error(`Remote "${expectedId}" declares the id "${String(module.id)}"`)
  if (!Array.isArray(module.routes)) throw new Error(`Remote "${expectedId}" has no routes array`)
  if (
    !isMessageTree(module.messages) ||
    !isMessageTree(module.messages.fr) ||
    !isMessageTree(module.messages.en)
  ) {
    throw new Error(`Remote "${expectedId}" must provide messages for fr and en`)
  }
  return module as RemoteModule
}

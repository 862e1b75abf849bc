import type { RouteRecordRaw } from 'vue-router'
import type { Locale } from './types'

/** Nested message tree of one language. */
export interface MessageTree {
  [key: string]: string | MessageTree
}

/** What a remote's `./module` exposes as its default export. */
export interface RemoteModule {
  /** The module id, equal to the remote's name. */
  id: string
  /** Routes with paths relative to the module's routeBase; `meta.permission` hides a route from those without it. */
  routes: RouteRecordRaw[]
  /** The module's strings, merged into the shell's i18n (namespace them under the module id). */
  messages: Record<Locale, MessageTree>
}

/** Declares a remote's module with its types checked. */
export function defineRemoteModule<const T extends RemoteModule>(module: T): T {
  return module
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Permission `<module>.<resource>.<action>` needed to open the route. */
    permission?: string
  }
}

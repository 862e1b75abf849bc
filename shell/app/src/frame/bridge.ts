/*
 * The postMessage bridge between the shell and a sandboxed vendor module's frame. The frame has an opaque
 * origin (sandbox="allow-scripts" without allow-same-origin): it reads neither the shell's cookies, DOM
 * nor storage, and everything it gets goes through these messages, each checked field by field on arrival.
 */

/** Marks every message of the bridge, so other postMessage traffic is ignored. */
export const FRAME_PROTOCOL = 'ia-frame-v1'

export type FrameLocale = 'fr' | 'en'
export type FrameTheme = 'light' | 'dark'
export type NotifyLevel = 'success' | 'info' | 'warning' | 'error'

/** What the frame needs to load its module. */
export interface FrameModule {
  id: string
  remoteName: string
  entry: string
  routeBase: string
  organizationId: string
}

/** Shell -> frame. */
export type ShellToFrame =
  | {
      type: 'init'
      module: FrameModule
      locale: FrameLocale
      theme: FrameTheme
      token: string
      path: string
    }
  | { type: 'navigate'; path: string }
  | { type: 'locale'; locale: FrameLocale }
  | { type: 'theme'; theme: FrameTheme }
  | { type: 'token'; token: string }

/** Frame -> shell. */
export type FrameToShell =
  | { type: 'ready' }
  | { type: 'navigated'; path: string }
  | { type: 'notify'; level: NotifyLevel; message: string }
  | { type: 'token-request' }
  | { type: 'failed'; message: string; blockedPath: string | null }

/** Wraps a message for postMessage. */
export function envelope<T extends ShellToFrame | FrameToShell>(message: T) {
  return { protocol: FRAME_PROTOCOL, ...message }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isText = (value: unknown, max = 2000): value is string =>
  typeof value === 'string' && value.length <= max
const LOCALES = new Set(['fr', 'en'])
const THEMES = new Set(['light', 'dark'])
const LEVELS = new Set(['success', 'info', 'warning', 'error'])

/**
 * A path inside a module, relative to its routeBase: starts with `/` (or is empty), no `//`, no `..`
 * segment, no scheme, at most 500 characters; null otherwise. The frame can only ever move the shell
 * within its own module.
 */
export function modulePath(value: unknown): string | null {
  if (!isText(value, 500)) return null
  if (value === '') return '/'
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null
  const pathOnly = value.split(/[?#]/)[0]!
  if (pathOnly.split('/').some((segment) => segment === '..' || segment === '.')) return null
  return value
}

/** A message the shell may act on, from the frame; null for anything else. */
export function parseFrameMessage(data: unknown): FrameToShell | null {
  if (!isRecord(data) || data.protocol !== FRAME_PROTOCOL) return null
  switch (data.type) {
    case 'ready':
    case 'token-request':
      return { type: data.type }
    case 'navigated': {
      const path = modulePath(data.path)
      return path === null ? null : { type: 'navigated', path }
    }
    case 'notify':
      return LEVELS.has(data.level as string) && isText(data.message, 300) && data.message
        ? { type: 'notify', level: data.level as NotifyLevel, message: data.message }
        : null
    case 'failed':
      return isText(data.message) && (data.blockedPath === null || isText(data.blockedPath, 500))
        ? { type: 'failed', message: data.message, blockedPath: data.blockedPath }
        : null
    default:
      return null
  }
}

/** A message the frame may act on, from the shell; null for anything else. */
export function parseShellMessage(data: unknown): ShellToFrame | null {
  if (!isRecord(data) || data.protocol !== FRAME_PROTOCOL) return null
  switch (data.type) {
    case 'init': {
      const module = data.module
      const path = modulePath(data.path)
      if (
        !isRecord(module) ||
        !isText(module.id, 100) ||
        !isText(module.remoteName, 100) ||
        !isText(module.entry, 500) ||
        !module.entry.startsWith('/marketplace/files/') ||
        !isText(module.routeBase, 100) ||
        !isText(module.organizationId, 100) ||
        !LOCALES.has(data.locale as string) ||
        !THEMES.has(data.theme as string) ||
        !isText(data.token, 4000) ||
        path === null
      )
        return null
      return {
        type: 'init',
        module: {
          id: module.id,
          remoteName: module.remoteName,
          entry: module.entry,
          routeBase: module.routeBase,
          organizationId: module.organizationId,
        },
        locale: data.locale as FrameLocale,
        theme: data.theme as FrameTheme,
        token: data.token,
        path,
      }
    }
    case 'navigate': {
      const path = modulePath(data.path)
      return path === null ? null : { type: 'navigate', path }
    }
    case 'locale':
      return LOCALES.has(data.locale as string)
        ? { type: 'locale', locale: data.locale as FrameLocale }
        : null
    case 'theme':
      return THEMES.has(data.theme as string)
        ? { type: 'theme', theme: data.theme as FrameTheme }
        : null
    case 'token':
      return isText(data.token, 4000) ? { type: 'token', token: data.token } : null
    default:
      return null
  }
}

/** The frame document of a vendor module's version, from its entry (`/marketplace/files/<id>/<version>/remoteEntry.js`). */
export function frameUrlOf(entry: string): string | null {
  const match = /^\/marketplace\/files\/([^/]+)\/([^/]+)\/remoteEntry\.js$/.exec(entry)
  return match ? `/marketplace/frame/${match[1]}/${match[2]}/` : null
}

/** The module-relative path of a shell path under `routeBase` (`/acme-hello/x` -> `/x`). */
export function relativeToBase(routeBase: string, fullPath: string): string {
  const base = `/${routeBase.replace(/^\/+|\/+$/g, '')}`
  if (fullPath === base) return '/'
  return fullPath.startsWith(`${base}/`) || fullPath.startsWith(`${base}?`)
    ? fullPath.slice(base.length).replace(/^\?/, '/?')
    : '/'
}

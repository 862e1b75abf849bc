import {
  envelope,
  modulePath,
  parseFrameMessage,
  type FrameLocale,
  type FrameModule,
  type FrameTheme,
  type NotifyLevel,
  type ShellToFrame,
} from './bridge'

/** What the shell side of the bridge needs from the page around the frame. */
export interface FrameBridgeDeps {
  /** The frame's window (the iframe's contentWindow), once it exists. */
  frame: () => Window | null
  module: FrameModule
  locale: () => FrameLocale
  theme: () => FrameTheme
  /** The module path the shell shows (relative to the module's routeBase). */
  path: () => string
  /** A fresh scoped token for the module (short-lived: asked again when the frame gets a 401). */
  fetchToken: () => Promise<string>
  /** The frame moved: the shell shows the same path. */
  navigated: (path: string) => void
  notify: (level: NotifyLevel, message: string) => void
  /** The module could not load in its frame (blocked file, error): the shell shows its error panel. */
  failed: (message: string, blockedPath: string | null) => void
}

/**
 * The shell's end of the bridge to one sandboxed module. Only messages from that frame's window are read
 * (its origin is opaque, so the window is the identity); what the shell sends goes to that window only.
 */
export function createFrameBridge(deps: FrameBridgeDeps) {
  let initialized = false

  function post(message: ShellToFrame): void {
    // An opaque origin cannot be named as a target: the window itself is the address.
    deps.frame()?.postMessage(envelope(message), '*')
  }

  async function sendToken(): Promise<void> {
    post({ type: 'token', token: await deps.fetchToken() })
  }

  async function handle(event: MessageEvent): Promise<void> {
    const frame = deps.frame()
    if (!frame || event.source !== frame) return
    const message = parseFrameMessage(event.data)
    if (!message) return
    switch (message.type) {
      case 'ready': {
        if (initialized) return
        initialized = true
        const token = await deps.fetchToken()
        post({
          type: 'init',
          module: deps.module,
          locale: deps.locale(),
          theme: deps.theme(),
          token,
          path: modulePath(deps.path()) ?? '/',
        })
        return
      }
      case 'navigated':
        deps.navigated(message.path)
        return
      case 'notify':
        deps.notify(message.level, message.message)
        return
      case 'token-request':
        await sendToken()
        return
      case 'failed':
        deps.failed(message.message, message.blockedPath)
    }
  }

  return {
    handle,
    navigate: (path: string) => {
      const safe = modulePath(path)
      if (initialized && safe) post({ type: 'navigate', path: safe })
    },
    setLocale: (locale: FrameLocale) => initialized && post({ type: 'locale', locale }),
    setTheme: (theme: FrameTheme) => initialized && post({ type: 'theme', theme }),
  }
}

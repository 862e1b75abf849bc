/*
 * The host page of a sandboxed vendor module. It runs in an iframe with an opaque origin, served by the
 * marketplace with a Content-Security-Policy that allows only the module's signed files and the hosts its
 * manifest declares, and an import map giving each file's signed hash. It loads the module as a Module
 * Federation remote on its own copies of the shared singletons, and talks to the shell through the bridge.
 */
import '@ia/ui/style.css'
import { configureSdk, sdkMessages } from '@ia/sdk'
import { install as installUi, uiMessages } from '@ia/ui'
import { createPinia } from 'pinia'
import { createApp, h } from 'vue'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { allowedRoutes, toRemoteModule } from '../modules/manifest'
import { loadRemoteModule, registerRemote } from '../modules/remotes'
import {
  envelope,
  parseShellMessage,
  type FrameToShell,
  type FrameTheme,
  type ShellToFrame,
} from './bridge'

type Init = Extract<ShellToFrame, { type: 'init' }>

const root = document.querySelector<HTMLElement>('#frame')!
// The shell's origin: the frame's URL is on it even though the frame's own origin is opaque.
const shellOrigin = new URL(window.location.href).origin
let token = ''
let started = false
let blockedPath: string | null = null
let navigate: ((path: string) => void) | null = null
let setLocale: ((locale: 'fr' | 'en') => void) | null = null

function send(message: FrameToShell): void {
  window.parent.postMessage(envelope(message), shellOrigin)
}

function applyTheme(theme: FrameTheme): void {
  document.documentElement.dataset.theme = theme
}

// A file the policy refused (a chunk the signed list does not name, a host the manifest does not declare).
document.addEventListener('securitypolicyviolation', (event) => {
  blockedPath ??= event.blockedURI
})

function failed(error: unknown): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  const named = /\/marketplace\/files\/[\w.~/-]+/.exec(message)?.[0] ?? null
  send({ type: 'failed', message, blockedPath: blockedPath ?? named })
  root.textContent = ''
}

async function start(init: Init): Promise<void> {
  token = init.token
  applyTheme(init.theme)
  document.documentElement.lang = init.locale
  configureSdk({
    getLocale: () => i18n.global.locale.value as 'fr' | 'en',
    getBearerToken: () => token,
    notifier: {
      success: (message) => send({ type: 'notify', level: 'success', message }),
      info: (message) => send({ type: 'notify', level: 'info', message }),
      warning: (message) => send({ type: 'notify', level: 'warning', message }),
      error: (message) => send({ type: 'notify', level: 'error', message }),
    },
    onUnauthorized: () => send({ type: 'token-request' }),
  })
  const i18n = createI18n({
    legacy: false,
    locale: init.locale,
    fallbackLocale: 'fr',
    messages: {
      fr: { ...uiMessages.fr, ...sdkMessages.fr },
      en: { ...uiMessages.en, ...sdkMessages.en },
    },
  })

  registerRemote({ name: init.module.remoteName, entry: init.module.entry })
  const module = toRemoteModule(await loadRemoteModule(init.module.remoteName), init.module.id)
  i18n.global.mergeLocaleMessage('fr', module.messages.fr as never)
  i18n.global.mergeLocaleMessage('en', module.messages.en as never)

  // The API refuses what the token's scopes do not cover: every route is offered, the server decides.
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      {
        path: '/',
        component: RouterView,
        children: allowedRoutes(module.routes, () => true),
      },
      { path: '/:pathMatch(.*)*', component: { render: () => null } },
    ],
  })
  router.afterEach((to) => send({ type: 'navigated', path: to.fullPath }))
  navigate = (path) => {
    if (router.currentRoute.value.fullPath !== path) void router.replace(path)
  }
  setLocale = (locale) => {
    i18n.global.locale.value = locale
    document.documentElement.lang = locale
  }
  await router.replace(init.path)
  const app = createApp({ render: () => h(RouterView) })
  app.use(createPinia()).use(i18n).use(router)
  installUi(app)
  app.mount(root)
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent || event.origin !== shellOrigin) return
  const message = parseShellMessage(event.data)
  if (!message) return
  if (message.type === 'init') {
    if (started) return
    started = true
    start(message).catch(failed)
  } else if (message.type === 'navigate') navigate?.(message.path)
  else if (message.type === 'locale') setLocale?.(message.locale)
  else if (message.type === 'theme') applyTheme(message.theme)
  else token = message.token
})

send({ type: 'ready' })

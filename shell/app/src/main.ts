import '@ia/ui/style.css'
import './styles/shell.css'
import {
  configureSdk,
  getMyPreference,
  getShellManifest,
  saveMyPreference,
  usePlatformSession,
} from '@ia/sdk'
import { install as installUi, setPreferenceStore, useToast } from '@ia/ui'
import { createPinia } from 'pinia'
import { createApp, h, markRaw } from 'vue'
import App from './App.vue'
import ModuleChunkError from './components/ModuleChunkError.vue'
import ModuleFrame from './components/ModuleFrame.vue'
import ModuleOutlet from './components/ModuleOutlet.vue'
import { applyLocale, currentLocale, i18n, mergeMessages } from './i18n'
import { listenForBlockedFiles } from './modules/blocked-files'
import { createModuleHost, moduleHostKey } from './modules/module-host'
import { loadRemoteModule, registerRemote } from './modules/remotes'
import { registerShellServiceWorker, sendIntegrityMap } from './modules/service-worker'
import { createShellRouter, installGuards } from './router'

const app = createApp(App)
const pinia = createPinia()
const router = createShellRouter()
const session = usePlatformSession(pinia)
const toast = useToast()

const moduleHost = createModuleHost({
  router,
  parentRoute: 'app',
  outlet: markRaw(ModuleOutlet),
  frame: markRaw(ModuleFrame),
  chunkError: (moduleId, error) =>
    markRaw({ render: () => h(ModuleChunkError, { moduleId, error }) }),
  can: (permission) => session.can(permission),
  fetchManifest: getShellManifest,
  prepareIntegrity: sendIntegrityMap,
  registerRemote,
  loadRemoteModule,
  mergeMessages,
})
installGuards(router, moduleHost)

configureSdk({
  getLocale: currentLocale,
  notifier: {
    success: toast.success,
    info: toast.info,
    warning: toast.warning,
    error: toast.error,
  },
  refreshModules: () => moduleHost.refresh(),
  onUnauthorized: () => {
    if (!session.isAuthenticated) return
    session.reset()
    moduleHost.unload()
    void router.push({ name: 'sign-in', query: { redirect: router.currentRoute.value.fullPath } })
  },
})

// The kit keeps users' interface choices (a table's columns) on the server, so they follow them to every device.
setPreferenceStore({
  load: async (key) => (await getMyPreference(key)).preference.value,
  save: async (key, value) => {
    await saveMyPreference(key, value)
  },
})

applyLocale(currentLocale())
// Registering early lets the worker be active by the time the first module loads; failures surface there.
registerShellServiceWorker().catch(() => {})
listenForBlockedFiles(navigator.serviceWorker)

app.use(pinia).use(i18n).use(router).provide(moduleHostKey, moduleHost)
installUi(app)
app.mount('#app')

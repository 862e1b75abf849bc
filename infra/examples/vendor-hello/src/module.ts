import type { RemoteModule } from '@ia/sdk'
import en from './locales/en.json'
import fr from './locales/fr.json'

// Paths are relative to the module's routeBase (/demo-hello); strings are namespaced under "demo_hello".
export default {
  id: 'demo-hello',
  routes: [{ path: '', name: 'demo-hello.home', component: () => import('./HelloPage.vue') }],
  messages: { fr, en },
} satisfies RemoteModule

import { defineRemoteModule, type ModulePermissions } from '@ia/sdk'
import type { RouteRecordRaw } from 'vue-router'
import en from './locales/en.json'
import fr from './locales/fr.json'

const routes: RouteRecordRaw[] = [
  { path: '', name: 'currencies.items', component: () => import('./views/CurrenciesView.vue'), meta: { permission: 'currencies.item.read' satisfies ModulePermissions['currencies'] } },
]

/** The currencies module as the shell loads it: its routes and its strings in every language. */
export default defineRemoteModule({ id: 'currencies', routes, messages: { fr, en } })

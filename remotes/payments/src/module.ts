import { defineRemoteModule, type ModulePermissions } from '@ia/sdk'
import type { RouteRecordRaw } from 'vue-router'
import en from './locales/en.json'
import fr from './locales/fr.json'

const routes: RouteRecordRaw[] = [
  { path: '', name: 'payments.items', component: () => import('./views/PaymentsView.vue'), meta: { permission: 'payments.item.read' satisfies ModulePermissions['payments'] } },
]

/** The payments module as the shell loads it: its routes and its strings in every language. */
export default defineRemoteModule({ id: 'payments', routes, messages: { fr, en } })

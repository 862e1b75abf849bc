import { defineRemoteModule, type ModulePermissions } from '@ia/sdk'
import type { RouteRecordRaw } from 'vue-router'
import en from './locales/en.json'
import fr from './locales/fr.json'

const routes: RouteRecordRaw[] = [
  { path: '', name: 'invoicing.items', component: () => import('./views/InvoicingView.vue'), meta: { permission: 'invoicing.item.read' satisfies ModulePermissions['invoicing'] } },
]

/** The invoicing module as the shell loads it: its routes and its strings in every language. */
export default defineRemoteModule({ id: 'invoicing', routes, messages: { fr, en } })

import { defineRemoteModule, type ModulePermissions } from '@ia/sdk'
import type { RouteRecordRaw } from 'vue-router'
import en from './locales/en.json'
import fr from './locales/fr.json'

const routes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'finance.accounts',
    component: () => import('./views/FinanceView.vue'),
    meta: { permission: 'finance.ledger.read' satisfies ModulePermissions['finance'] },
  },
]

/** The finance module as the shell loads it: its routes and its strings in every language. */
export default defineRemoteModule({ id: 'finance', routes, messages: { fr, en } })

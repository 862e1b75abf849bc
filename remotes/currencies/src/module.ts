import { defineRemoteModule, type ModulePermissions } from '@ia/sdk'
import type { RouteRecordRaw } from 'vue-router'
import en from './locales/en.json'
import fr from './locales/fr.json'

const routes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'currencies.rates',
    component: () => import('./views/RatesView.vue'),
    meta: { permission: 'currencies.rate.read' satisfies ModulePermissions['currencies'] },
  },
  {
    path: 'settings',
    name: 'currencies.settings',
    component: () => import('./views/SettingsView.vue'),
    meta: { permission: 'currencies.settings.manage' satisfies ModulePermissions['currencies'] },
  },
]

/** The currencies module as the shell loads it: its routes and its strings in every language. */
export default defineRemoteModule({ id: 'currencies', routes, messages: { fr, en } })

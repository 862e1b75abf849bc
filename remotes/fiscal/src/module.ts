import { defineRemoteModule, type ModulePermissions } from '@ia/sdk'
import type { RouteRecordRaw } from 'vue-router'
import en from './locales/en.json'
import fr from './locales/fr.json'

const routes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'fiscal.queue',
    component: () => import('./views/QueueView.vue'),
    meta: { permission: 'fiscal.normalisation.read' satisfies ModulePermissions['fiscal'] },
  },
  {
    path: 'settings',
    name: 'fiscal.settings',
    component: () => import('./views/SettingsView.vue'),
    meta: { permission: 'fiscal.settings.manage' satisfies ModulePermissions['fiscal'] },
  },
]

/** The fiscal module as the shell loads it: its routes and its strings in every language. */
export default defineRemoteModule({ id: 'fiscal', routes, messages: { fr, en } })

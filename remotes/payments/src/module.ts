import { defineRemoteModule } from '@ia/sdk'
import type { RouteRecordRaw } from 'vue-router'
import en from './locales/en.json'
import fr from './locales/fr.json'
import { PAYMENTS_PERMISSIONS } from './permissions'

const routes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'payments.home',
    component: () => import('./views/PaymentsView.vue'),
    meta: { permission: PAYMENTS_PERMISSIONS.readRequests },
  },
]

/** The payments module as the shell loads it: its routes and its strings in every language. */
export default defineRemoteModule({ id: 'payments', routes, messages: { fr, en } })

import { defineRemoteModule } from '@ia/sdk'
import type { RouteRecordRaw } from 'vue-router'
import en from './locales/en.json'
import fr from './locales/fr.json'
import { INVOICING_PERMISSIONS } from './permissions'

const routes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'invoicing.list',
    component: () => import('./views/InvoiceListView.vue'),
    meta: { permission: INVOICING_PERMISSIONS.read },
  },
  {
    path: 'new',
    name: 'invoicing.create',
    component: () => import('./views/InvoiceEditorView.vue'),
    meta: { permission: INVOICING_PERMISSIONS.create },
  },
]

/** The invoicing module as the shell loads it: its routes and its strings in every language. */
export default defineRemoteModule({ id: 'invoicing', routes, messages: { fr, en } })

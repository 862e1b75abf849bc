import { defineRemoteModule } from '@ia/sdk'
import { preloadDataTable } from '@ia/ui'
import type { RouteRecordRaw } from 'vue-router'
import en from './locales/en.json'
import fr from './locales/fr.json'
import { INVOICING_PERMISSIONS } from './permissions'

const list = () => import('./views/DocumentListView.vue')
const editor = () => import('./views/DocumentEditorView.vue')

const routes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'invoicing.list',
    component: list,
    props: { kind: 'invoice' },
    meta: { permission: INVOICING_PERMISSIONS.read },
    beforeEnter: () => void preloadDataTable(),
  },
  {
    path: 'quotes',
    name: 'invoicing.quotes',
    component: list,
    props: { kind: 'quote' },
    meta: { permission: INVOICING_PERMISSIONS.read },
  },
  {
    path: 'credit-notes',
    name: 'invoicing.creditNotes',
    component: list,
    props: { kind: 'credit_note' },
    meta: { permission: INVOICING_PERMISSIONS.read },
  },
  {
    path: 'new',
    name: 'invoicing.create',
    component: editor,
    props: { kind: 'invoice' },
    meta: { permission: INVOICING_PERMISSIONS.create },
  },
  {
    path: 'quotes/new',
    name: 'invoicing.createQuote',
    component: editor,
    props: { kind: 'quote' },
    meta: { permission: INVOICING_PERMISSIONS.create },
  },
  {
    path: 'credit-notes/new',
    name: 'invoicing.createCreditNote',
    component: editor,
    props: { kind: 'credit_note' },
    meta: { permission: INVOICING_PERMISSIONS.create },
  },
  {
    path: 'documents/:documentId',
    name: 'invoicing.detail',
    component: () => import('./views/DocumentDetailView.vue'),
    props: true,
    meta: { permission: INVOICING_PERMISSIONS.read },
  },
  {
    path: 'documents/:documentId/edit',
    name: 'invoicing.edit',
    component: editor,
    props: true,
    meta: { permission: INVOICING_PERMISSIONS.update },
  },
  {
    path: 'catalogue',
    name: 'invoicing.catalogue',
    component: () => import('./views/CatalogueView.vue'),
    meta: { permission: INVOICING_PERMISSIONS.productRead },
  },
  {
    path: 'taxes',
    name: 'invoicing.taxes',
    component: () => import('./views/TaxGroupsView.vue'),
    meta: { permission: INVOICING_PERMISSIONS.taxRead },
  },
  {
    path: 'settings',
    name: 'invoicing.settings',
    component: () => import('./views/SettingsView.vue'),
    meta: { permission: INVOICING_PERMISSIONS.read },
  },
]

/** The invoicing module as the shell loads it: its routes and its strings in every language. */
export default defineRemoteModule({ id: 'invoicing', routes, messages: { fr, en } })

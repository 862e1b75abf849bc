import { preloadDataTable } from '@ia/ui'
import type { RouteRecordRaw } from 'vue-router'
import { CONTACT_PERMISSIONS } from './permissions'

/** Routes of the contacts module, relative to its route base (`/contacts`); names are prefixed with the module id. */
export const routes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'contacts.list',
    component: () => import('./views/ContactListView.vue'),
    meta: { permission: CONTACT_PERMISSIONS.read },
    // The first page and the table's code are requested while the view's own code loads, not after it.
    beforeEnter: () => {
      void preloadDataTable()
      void import('./stores/contact-list').then(({ useContactListStore }) =>
        useContactListStore().loadIfEmpty()
      )
    },
  },
  {
    path: 'new',
    name: 'contacts.create',
    component: () => import('./views/ContactFormView.vue'),
    meta: { permission: CONTACT_PERMISSIONS.create },
  },
  {
    path: 'import',
    name: 'contacts.import',
    component: () => import('./views/ContactImportView.vue'),
    meta: { permission: CONTACT_PERMISSIONS.import },
  },
  {
    path: ':contactId',
    name: 'contacts.detail',
    component: () => import('./views/ContactDetailView.vue'),
    props: true,
    meta: { permission: CONTACT_PERMISSIONS.read },
  },
  {
    path: ':contactId/edit',
    name: 'contacts.edit',
    component: () => import('./views/ContactFormView.vue'),
    props: true,
    meta: { permission: CONTACT_PERMISSIONS.update },
  },
]

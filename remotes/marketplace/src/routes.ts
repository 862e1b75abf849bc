import type { RouteRecordRaw } from 'vue-router'
import { MARKETPLACE_PERMISSIONS } from './permissions'

/**
 * Routes of the marketplace module, relative to its route base (`/marketplace`); names are prefixed with
 * the module id. The vendor portal is open to every member (anyone may become a vendor); the review page
 * to every member too, since the platform administrator flag is not a permission: its API answers 404 to
 * anyone else and the page says so.
 */
export const routes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'marketplace.catalogue',
    component: () => import('./views/CatalogueView.vue'),
    meta: { permission: MARKETPLACE_PERMISSIONS.browse },
  },
  {
    path: 'modules/:moduleId',
    name: 'marketplace.module',
    component: () => import('./views/ModuleDetailView.vue'),
    props: true,
    meta: { permission: MARKETPLACE_PERMISSIONS.browse },
  },
  {
    path: 'installed',
    name: 'marketplace.installed',
    component: () => import('./views/InstalledView.vue'),
    meta: { permission: MARKETPLACE_PERMISSIONS.install },
  },
  {
    path: 'api-keys',
    name: 'marketplace.apiKeys',
    component: () => import('./views/ApiKeysView.vue'),
    meta: { permission: MARKETPLACE_PERMISSIONS.apiKeys },
  },
  {
    path: 'vendor',
    name: 'marketplace.vendor',
    component: () => import('./views/VendorPortalView.vue'),
  },
  {
    path: 'review',
    name: 'marketplace.review',
    component: () => import('./views/ReviewView.vue'),
  },
]

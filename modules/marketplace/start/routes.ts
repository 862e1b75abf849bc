import router from '@adonisjs/core/services/router'
import { organizationRoutes, platformAdminRoutes, userRoutes } from '@ia/kernel/contracts'

const VendorController = () => import('../app/controllers/vendor_controller.ts')
const AdminController = () => import('../app/controllers/admin_controller.ts')
const CatalogueController = () => import('../app/controllers/catalogue_controller.ts')
const FilesController = () => import('../app/controllers/files_controller.ts')
const ScopedAccessController = () => import('../app/controllers/scoped_access_controller.ts')

const MODULE_ID = /^[a-z][a-z0-9]{1,19}-[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$/
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/

userRoutes('marketplace', () => {
  router.get('access', [VendorController, 'access'])
})

// Vendors: any signed-in user opens a profile; the rest needs one.
userRoutes('marketplace/vendor', () => {
  router.get('/', [VendorController, 'show'])
  router.post('/', [VendorController, 'store'])
  router.post('keys', [VendorController, 'addKey'])
  router
    .post('keys/:keyId/revoke', [VendorController, 'revokeKey'])
    .where('keyId', router.matchers.uuid())
  router.post('packages', [VendorController, 'upload'])
  router.get('listings', [VendorController, 'listings'])
  router
    .put('listings/:listingId/webhook', [VendorController, 'setWebhook'])
    .where('listingId', router.matchers.uuid())
  router
    .get('listings/:listingId/deliveries', [VendorController, 'deliveries'])
    .where('listingId', router.matchers.uuid())
})

platformAdminRoutes('marketplace', () => {
  router.get('vendors', [AdminController, 'vendors'])
  router
    .post('vendors/:vendorId/review', [AdminController, 'reviewVendor'])
    .where('vendorId', router.matchers.uuid())
  router.get('submissions', [AdminController, 'submissions'])
  router.get('releases', [AdminController, 'releases'])
  router
    .group(() => {
      router.post('versions/:versionId/review', [AdminController, 'reviewVersion'])
      router.put('versions/:versionId/rollout', [AdminController, 'rollout'])
      router.post('versions/:versionId/rollback', [AdminController, 'rollback'])
    })
    .where('versionId', router.matchers.uuid())
})

organizationRoutes('marketplace', () => {
  router.get('marketplace/scopes', [CatalogueController, 'scopes'])
  router.get('marketplace/modules', [CatalogueController, 'index'])
  router.get('marketplace/modules/:vendorModuleId', [CatalogueController, 'show'])
  router.get('marketplace/installs', [CatalogueController, 'installs'])
  router.post('marketplace/installs', [CatalogueController, 'install'])
  router
    .group(() => {
      router.post('marketplace/installs/:installId/upgrade', [CatalogueController, 'upgrade'])
      router.post('marketplace/installs/:installId/enable', [CatalogueController, 'enable'])
      router.post('marketplace/installs/:installId/disable', [CatalogueController, 'disable'])
      router.delete('marketplace/installs/:installId', [CatalogueController, 'uninstall'])
      router.post('marketplace/installs/:installId/token', [ScopedAccessController, 'vendorToken'])
    })
    .where('installId', router.matchers.uuid())
  router.get('marketplace/api-keys', [ScopedAccessController, 'index'])
  router.post('marketplace/api-keys', [ScopedAccessController, 'store'])
  router
    .post('marketplace/api-keys/:apiKeyId/revoke', [ScopedAccessController, 'revoke'])
    .where('apiKeyId', router.matchers.uuid())
})

router
  .group(() => {
    router.get('files/:moduleId/:version/*', [FilesController, 'file'])
    router.get('signatures/:moduleId/:version', [FilesController, 'signatures'])
    router.get('frame/:moduleId/:version', [FilesController, 'frame'])
  })
  .prefix('/marketplace')
  .where('moduleId', MODULE_ID)
  .where('version', VERSION)

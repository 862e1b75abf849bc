import router from '@adonisjs/core/services/router'
import { organizationRoutes } from '@ia/kernel/contracts'

const PaymentSettingsController = () => import('../app/controllers/payment_settings_controller.ts')
const PaymentRequestsController = () => import('../app/controllers/payment_requests_controller.ts')
const PayoutsController = () => import('../app/controllers/payouts_controller.ts')
const GatewayEventsController = () => import('../app/controllers/gateway_events_controller.ts')
const PublicPaymentsController = () => import('../app/controllers/public_payments_controller.ts')

organizationRoutes('payments', () => {
  router.get('payments/settings', [PaymentSettingsController, 'show'])
  router.put('payments/settings', [PaymentSettingsController, 'update'])
  router.post('payments/settings/check', [PaymentSettingsController, 'check'])

  router.get('payments/requests', [PaymentRequestsController, 'index'])
  router.post('payments/requests', [PaymentRequestsController, 'store'])
  router.post('payments/links', [PaymentRequestsController, 'link'])
  router
    .get('payments/requests/:requestId', [PaymentRequestsController, 'show'])
    .where('requestId', router.matchers.uuid())

  router.get('payments/payouts', [PayoutsController, 'index'])
  router.post('payments/payouts', [PayoutsController, 'store'])
  router
    .group(() => {
      router.get('payments/payouts/:payoutId', [PayoutsController, 'show'])
      router.post('payments/payouts/:payoutId/approve', [PayoutsController, 'approve'])
      router.post('payments/payouts/:payoutId/reject', [PayoutsController, 'reject'])
    })
    .where('payoutId', router.matchers.uuid())

  router.get('payments/gateway-events', [GatewayEventsController, 'index'])
})

// The customer's payment page (the link's token is the credential) and the gateway's signed callbacks.
router.get('/api/v1/public/payments/:token', [PublicPaymentsController, 'show'])
router.post('/api/v1/public/payments/:token/requests', [PublicPaymentsController, 'store'])
router
  .get('/api/v1/public/payments/:token/requests/:requestId', [PublicPaymentsController, 'status'])
  .where('requestId', router.matchers.uuid())
router
  .post('/api/v1/public/payments/callbacks/:organizationId', [PublicPaymentsController, 'callback'])
  .where('organizationId', router.matchers.uuid())

import router from '@adonisjs/core/services/router'
import { organizationRoutes } from '@ia/kernel/contracts'

const TreasuryAccountsController = () =>
  import('../app/controllers/treasury_accounts_controller.ts')
const TransactionsController = () => import('../app/controllers/transactions_controller.ts')
const StatementsController = () => import('../app/controllers/statements_controller.ts')
const BudgetsController = () => import('../app/controllers/budgets_controller.ts')

organizationRoutes('finance', () => {
  router.get('finance/treasury-accounts', [TreasuryAccountsController, 'index'])
  router.post('finance/treasury-accounts', [TreasuryAccountsController, 'store'])
  router
    .group(() => {
      router.get('finance/treasury-accounts/:accountId', [TreasuryAccountsController, 'show'])
      router.patch('finance/treasury-accounts/:accountId', [TreasuryAccountsController, 'update'])
      router.get('finance/treasury-accounts/:accountId/reconciliation', [
        StatementsController,
        'reconciliation',
      ])
    })
    .where('accountId', router.matchers.uuid())
  router.get('finance/categories', [TreasuryAccountsController, 'categories'])

  router.get('finance/transactions', [TransactionsController, 'index'])
  router.post('finance/transactions', [TransactionsController, 'store'])
  router
    .group(() => {
      router.get('finance/transactions/:transactionId', [TransactionsController, 'show'])
      router.post('finance/transactions/:transactionId/attachments', [
        TransactionsController,
        'attach',
      ])
      router
        .get('finance/transactions/:transactionId/attachments/:attachmentId', [
          TransactionsController,
          'attachment',
        ])
        .where('attachmentId', router.matchers.uuid())
    })
    .where('transactionId', router.matchers.uuid())

  router.post('finance/statements/preview', [StatementsController, 'preview'])
  router.post('finance/statements', [StatementsController, 'store'])
  router
    .group(() => {
      router.get('finance/statements/:importId', [StatementsController, 'show'])
      router.delete('finance/statements/:importId', [StatementsController, 'destroy'])
      router.post('finance/statements/:importId/confirm', [StatementsController, 'confirm'])
    })
    .where('importId', router.matchers.uuid())
  router
    .group(() => {
      router.post('finance/statement-lines/:lineId/match', [StatementsController, 'match'])
      router.post('finance/statement-lines/:lineId/unmatch', [StatementsController, 'unmatch'])
      router.post('finance/statement-lines/:lineId/transaction', [
        StatementsController,
        'createTransaction',
      ])
    })
    .where('lineId', router.matchers.uuid())

  router.get('finance/budgets', [BudgetsController, 'index'])
  router.put('finance/budgets', [BudgetsController, 'set'])
  router.get('finance/dashboard', [BudgetsController, 'dashboard'])
})

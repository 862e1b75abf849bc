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
      router.get('finance/treasury-accounts/:treasuryAccountId', [
        TreasuryAccountsController,
        'show',
      ])
      router.patch('finance/treasury-accounts/:treasuryAccountId', [
        TreasuryAccountsController,
        'update',
      ])
      router.get('finance/treasury-accounts/:treasuryAccountId/reconciliation', [
        StatementsController,
        'reconciliation',
      ])
    })
    .where('treasuryAccountId', router.matchers.uuid())
  router.get('finance/categories', [TreasuryAccountsController, 'categories'])

  router.get('finance/transactions', [TransactionsController, 'index'])
  router.post('finance/transactions', [TransactionsController, 'store'])
  router
    .group(() => {
      router.get('finance/transactions/:transactionId', [TransactionsController, 'show'])
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
      router.get('finance/statements/:statementId', [StatementsController, 'show'])
      router.delete('finance/statements/:statementId', [StatementsController, 'destroy'])
      router.post('finance/statements/:statementId/confirm', [StatementsController, 'confirm'])
    })
    .where('statementId', router.matchers.uuid())
  router.post('finance/receipts', [TransactionsController, 'attach'])
  router.post('finance/reconciliation/match', [StatementsController, 'match'])
  router.post('finance/reconciliation/unmatch', [StatementsController, 'unmatch'])
  router.post('finance/reconciliation/transaction', [StatementsController, 'createTransaction'])

  router.get('finance/budgets', [BudgetsController, 'index'])
  router.put('finance/budgets', [BudgetsController, 'set'])
  router.get('finance/dashboard', [BudgetsController, 'dashboard'])
})

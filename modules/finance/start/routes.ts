import router from '@adonisjs/core/services/router'
import { organizationRoutes } from '@ia/kernel/contracts'

const LedgerController = () => import('../app/controllers/ledger_controller.ts')
const ReportsController = () => import('../app/controllers/reports_controller.ts')

organizationRoutes('finance', () => {
  router.get('finance/accounts', [LedgerController, 'accounts'])
  router.post('finance/accounts', [LedgerController, 'createAccount'])
  router.get('finance/journals', [LedgerController, 'journals'])
  router.get('finance/entries', [LedgerController, 'entries'])
  router.post('finance/entries', [LedgerController, 'postEntry'])
  router
    .group(() => {
      router.get('finance/entries/:entryId', [LedgerController, 'entry'])
      router.post('finance/entries/:entryId/reverse', [LedgerController, 'reverseEntry'])
    })
    .where('entryId', router.matchers.uuid())
  router.get('finance/settings', [LedgerController, 'settings'])
  router.patch('finance/settings', [LedgerController, 'updateSettings'])
  router.get('finance/fiscal-years', [LedgerController, 'fiscalYears'])
  router
    .post('finance/fiscal-years/:year/close', [LedgerController, 'closeFiscalYear'])
    .where('year', /^\d{4}$/)

  router.get('finance/reports/trial-balance', [ReportsController, 'trialBalance'])
  router.get('finance/reports/general-ledger', [ReportsController, 'generalLedger'])
  router.get('finance/reports/income-statement', [ReportsController, 'incomeStatement'])
  router.get('finance/reports/balance-sheet', [ReportsController, 'balanceSheet'])
  router.get('finance/reports/vat', [ReportsController, 'vatSummary'])
  router.get('finance/reports/ageing', [ReportsController, 'ageing'])
  router.get('finance/reports/dashboard', [ReportsController, 'dashboard'])
})

import { defineRemoteModule, type ModulePermissions } from '@ia/sdk'
import type { RouteRecordRaw } from 'vue-router'
import en from './locales/en.json'
import fr from './locales/fr.json'

type FinancePermission = ModulePermissions['finance']
const permission = (name: FinancePermission) => ({ permission: name })

const routes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'finance.dashboard',
    component: () => import('./views/DashboardView.vue'),
    meta: permission('finance.dashboard.read'),
  },
  {
    path: 'accounts',
    name: 'finance.treasury',
    component: () => import('./views/TreasuryAccountsView.vue'),
    meta: permission('finance.treasury.read'),
  },
  {
    path: 'transactions',
    name: 'finance.transactions',
    component: () => import('./views/TransactionsView.vue'),
    meta: permission('finance.transaction.read'),
  },
  {
    path: 'statements',
    name: 'finance.statements',
    component: () => import('./views/StatementImportView.vue'),
    meta: permission('finance.statement.import'),
  },
  {
    path: 'reconciliation',
    name: 'finance.reconciliation',
    component: () => import('./views/ReconciliationView.vue'),
    meta: permission('finance.statement.reconcile'),
  },
  {
    path: 'budgets',
    name: 'finance.budgets',
    component: () => import('./views/BudgetsView.vue'),
    meta: permission('finance.budget.read'),
  },
  {
    path: 'chart',
    name: 'finance.chart',
    component: () => import('./views/FinanceView.vue'),
    meta: permission('finance.ledger.read'),
  },
  {
    path: 'reports',
    name: 'finance.reports',
    component: () => import('./views/ReportsView.vue'),
    meta: permission('finance.report.read'),
  },
]

/** The finance module as the shell loads it: its routes and its strings in every language. */
export default defineRemoteModule({ id: 'finance', routes, messages: { fr, en } })

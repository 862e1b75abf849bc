import { useApi } from '@ia/sdk'

type Localized = { fr: string; en: string }

/** Everything the dashboard draws, amounts as decimal strings. */
export type Dashboard = {
  currency: string
  bookCurrency: string
  reportingCurrency: string
  from: string
  to: string
  totals: { revenue: string; expenses: string; profit: string }
  byMonth: Array<{ month: string; revenue: string; expenses: string; profit: string }>
  cashPosition: {
    accounts: Array<{
      id: string
      name: string
      kind: string
      currency: string
      accountCode: string
    }>
    months: Array<{
      month: string
      date: string
      balances: Array<{ accountId: string; balance: string }>
      totals: Record<string, string | null>
    }>
  }
  expensesByCategory: Array<{ accountCode: string; name: Localized; amount: string }>
  receivablesAgeing: Array<{ bucket: string; amount: string }>
  topCustomers: Array<{ contactId: string; name: string | null; invoiced: string }>
  budget: Array<{
    categoryId: string
    kind: 'income' | 'expense'
    name: Localized
    accountCode: string
    budget: string
    actual: string
    months: Array<{ month: string; budget: string; actual: string }>
  }>
}

/** The dashboard of a period, in the book or the reporting currency. */
export async function getDashboard(query: {
  from: string
  to: string
  currency: 'book' | 'reporting'
}): Promise<Dashboard> {
  return (await useApi().get('/finance/dashboard', { query })) as unknown as Dashboard
}

import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** Filters of the transactions list. */
export type TransactionFilters = {
  from?: string
  to?: string
  kind?: string
  accountId?: string
  categoryId?: string
  tag?: string
  page?: number
}

/** Transactions per page. */
export const TRANSACTIONS_PER_PAGE = 50

function transactionsQuery(client: QueryClientContract, organizationId: string) {
  return client
    .from('finance.transactions as t')
    .join('finance.entries as e', (join) =>
      join.on('e.organization_id', 't.organization_id').andOn('e.id', 't.entry_id')
    )
    .leftJoin('finance.categories as c', 'c.id', 't.category_id')
    .leftJoin('finance.treasury_accounts as ta', 'ta.id', 't.to_treasury_account_id')
    .where('t.organization_id', organizationId)
    .select(
      't.*',
      'e.number as entry_number',
      'c.name_fr as category_name_fr',
      'c.name_en as category_name_en',
      'ta.currency as to_currency',
      client.raw(`to_char(t.transaction_date, 'YYYY-MM-DD') as transaction_date`),
      client.raw(`coalesce((SELECT json_agg(json_build_object('id', f.id, 'file_name', f.file_name,
        'content_type', f.content_type, 'size', f.size) ORDER BY f.created_at)
        FROM finance.transaction_attachments f WHERE f.organization_id = t.organization_id AND f.transaction_id = t.id), '[]') as attachments`)
    )
}

/** A page of the organisation's transactions, newest first, and whether more follow. */
export async function listTransactions(
  client: QueryClientContract,
  organizationId: string,
  filters: TransactionFilters
) {
  const query = transactionsQuery(client, organizationId)
  if (filters.from) query.where('t.transaction_date', '>=', filters.from)
  if (filters.to) query.where('t.transaction_date', '<=', filters.to)
  if (filters.kind) query.where('t.kind', filters.kind)
  if (filters.accountId)
    query.where((scope) =>
      scope
        .where('t.treasury_account_id', filters.accountId!)
        .orWhere('t.to_treasury_account_id', filters.accountId!)
    )
  if (filters.categoryId) query.where('t.category_id', filters.categoryId)
  if (filters.tag) query.whereRaw('? = ANY(t.tags)', [filters.tag])
  const page = filters.page ?? 1
  const rows = await query
    .orderBy('t.transaction_date', 'desc')
    .orderBy('t.created_at', 'desc')
    .offset((page - 1) * TRANSACTIONS_PER_PAGE)
    .limit(TRANSACTIONS_PER_PAGE + 1)
  return {
    rows: rows.slice(0, TRANSACTIONS_PER_PAGE),
    hasMore: rows.length > TRANSACTIONS_PER_PAGE,
    page,
  }
}

/** One transaction of the organisation, or null. */
export async function findTransaction(
  client: QueryClientContract,
  organizationId: string,
  id: string
) {
  return (await transactionsQuery(client, organizationId).where('t.id', id).first()) ?? null
}

import db from '@adonisjs/lucid/services/db'
import { isUuid } from '@ia/kernel/contracts'
import Document, {
  OPEN_STATUSES,
  type DisplayedStatus,
  type DocumentKind,
} from '../models/document.ts'
import { invoicingErrors } from '../errors.ts'
import { today } from '../services/settlement.ts'

/** What a list of documents is filtered and ordered by (dates as YYYY-MM-DD). */
export type DocumentFilters = {
  kind?: DocumentKind
  status?: DisplayedStatus
  customerId?: string
  from?: string
  to?: string
  currency?: string
  overdue?: boolean
  q?: string
  sort?: 'issueDate' | 'dueDate' | 'total'
  order?: 'asc' | 'desc'
}

/** Each order's key as SQL, as text for the cursor, and read back from the cursor. */
const SORT_KEYS = {
  issueDate: {
    column: 'issue_date',
    asText: "to_char(issue_date, 'YYYY-MM-DD')",
    fromCursor: '?::date',
    check: /^\d{4}-\d{2}-\d{2}$/,
  },
  dueDate: {
    column: "coalesce(due_date, date '9999-12-31')",
    asText: "to_char(coalesce(due_date, date '9999-12-31'), 'YYYY-MM-DD')",
    fromCursor: '?::date',
    check: /^\d{4}-\d{2}-\d{2}$/,
  },
  total: {
    column: 'total_minor',
    asText: 'total_minor::text',
    fromCursor: '?::bigint',
    check: /^-?\d{1,19}$/,
  },
} as const

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}

function encodeCursor(sort: string, order: string, value: string, id: string) {
  return Buffer.from(JSON.stringify([sort, order, value, id])).toString('base64url')
}

function decodeCursor(token: string, sort: keyof typeof SORT_KEYS, order: string) {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    throw invoicingErrors.invalidCursor()
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invoicingErrors.invalidCursor()
  const [cursorSort, cursorOrder, value, id] = parsed as unknown[]
  if (
    cursorSort !== sort ||
    cursorOrder !== order ||
    typeof value !== 'string' ||
    !SORT_KEYS[sort].check.test(value) ||
    !isUuid(id)
  ) {
    throw invoicingErrors.invalidCursor()
  }
  return { value, id }
}

function filtered(filters: DocumentFilters) {
  const query = Document.query().where('kind', filters.kind ?? 'invoice')
  const overdue = filters.overdue || filters.status === 'overdue'
  if (overdue) query.whereIn('status', [...OPEN_STATUSES]).where('due_date', '<', today())
  else if (filters.status) query.where('status', filters.status)
  if (filters.customerId) query.where('customer_id', filters.customerId)
  if (filters.from) query.where('issue_date', '>=', filters.from)
  if (filters.to) query.where('issue_date', '<=', filters.to)
  if (filters.currency) query.where('currency', filters.currency)
  const q = filters.q?.trim()
  if (q) {
    const pattern = `%${escapeLike(q.toLowerCase())}%`
    query.where((search) =>
      search
        .whereRaw('lower(customer_name) LIKE ?', [pattern])
        .orWhereRaw('lower(number) LIKE ?', [pattern])
    )
  }
  return query
}

/**
 * One keyset page of the current organisation's documents: the rows after `cursor` in the order asked
 * (ties broken by id), read through the list indexes so a deep page costs what the first does; the
 * number matching is counted on the first page only. Two queries at most, whatever the page.
 */
export async function listDocuments(filters: DocumentFilters, perPage: number, cursor?: string) {
  const sort = filters.sort ?? 'issueDate'
  const order = filters.order ?? 'desc'
  const key = SORT_KEYS[sort]
  const query = filtered(filters)
    .select('*')
    .select(db.raw(`${key.asText} AS cursor_key`))
  if (cursor) {
    const after = decodeCursor(cursor, sort, order)
    query.whereRaw(
      `(${key.column}, id) ${order === 'asc' ? '>' : '<'} (${key.fromCursor}, ?::uuid)`,
      [after.value, after.id]
    )
  }
  const direction = order === 'asc' ? 'ASC' : 'DESC'
  query.orderByRaw(`${key.column} ${direction}, id ${direction}`).limit(perPage + 1)
  const count = async () => Number((await filtered(filters).count('* as total'))[0].$extras.total)
  const [rows, total] = await Promise.all([query, cursor ? null : count()])
  const documents = rows.slice(0, perPage)
  const last = documents.at(-1)
  const nextCursor =
    rows.length > perPage && last
      ? encodeCursor(sort, order, String(last.$extras.cursor_key), last.id)
      : null
  return { documents, nextCursor, total }
}

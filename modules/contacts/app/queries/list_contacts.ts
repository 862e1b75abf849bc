import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Infer } from '@vinejs/vine/types'
import { normalizePhoneNumber, tenantContext } from '@ia/kernel/contracts'
import Contact from '../models/contact.ts'
import type { ContactAttributes } from '../transformers/contact_transformer.ts'
import type { exportContactsValidator } from '../validators/contact.ts'
import {
  decodeContactCursor,
  encodeContactCursor,
  type ContactSort,
} from '../services/contact_cursor.ts'

/**
 * The filters and order shared by the list and the export, and the country a phone number searched
 * without its international prefix is read in (the organisation's).
 */
export type ContactFilters = Infer<typeof exportContactsValidator> & { phoneCountry?: string }

const folded = (column: string) => `lower(contacts.immutable_unaccent(${column}))`
const FOLDED_QUERY = 'lower(contacts.immutable_unaccent(?))'
const CONTAINS = `'%' || ${FOLDED_QUERY} || '%'`

/** `q` with LIKE's wildcards taken literally. */
function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}

/**
 * The current organisation's contacts matching `filters`, in their order (ties broken by id so
 * pages never overlap). Search ignores case and accents and tolerates typos in names and cities.
 */
export function contactsQuery(filters: ContactFilters, client?: QueryClientContract) {
  const query = Contact.query({ client })

  const archived = filters.archived ?? 'false'
  if (archived === 'false') query.whereNull('archived_at')
  if (archived === 'true') query.whereNotNull('archived_at')
  if (filters.kind) query.where('kind', filters.kind)
  if (filters.role === 'customer') query.where('is_customer', true)
  if (filters.role === 'supplier') query.where('is_supplier', true)
  if (filters.tag) query.whereRaw('tags @> ARRAY[?]::text[]', [filters.tag])

  const q = filters.q?.trim()
  if (q) {
    const pattern = escapeLike(q)
    const digits = q.replace(/\D/g, '')
    const phone = normalizePhoneNumber(q, filters.phoneCountry ?? null)
    query.where((search) => {
      for (const column of ['name', 'city', 'email']) {
        search.orWhereRaw(`${folded(column)} LIKE ${CONTAINS}`, [pattern])
      }
      for (const column of ['rccm', 'id_nat', 'nif']) {
        search.orWhereRaw(`${folded(column)} LIKE ${CONTAINS}`, [pattern])
      }
      // Word similarity finds "Societe Miniere" for "socite miniere" as well.
      if (q.length >= 3) {
        search.orWhereRaw(`${FOLDED_QUERY} <% ${folded('name')}`, [q])
        search.orWhereRaw(`${FOLDED_QUERY} <% ${folded('city')}`, [q])
      }
      if (phone) search.orWhere('phone', phone)
      if (digits.length >= 3) search.orWhere('phone', 'like', `%${digits}%`)
    })
  }

  const order = filters.order ?? 'asc'
  if (filters.sort === 'createdAt') query.orderBy('created_at', order)
  else if (filters.sort === 'updatedAt') query.orderBy('updated_at', order)
  else query.orderByRaw(`${folded('name')} ${order === 'desc' ? 'DESC' : 'ASC'}`)
  return query.orderBy('id', order)
}

/** A contact row turned into the model's attribute names and types (dates as DateTime), without a model instance. */
function toAttributes(row: Record<string, unknown>) {
  const attributes: Record<string, unknown> = {}
  for (const [name, column] of Contact.$columnsDefinitions) {
    const value = row[column.columnName]
    attributes[name] = column.consume ? column.consume(value, name, undefined as never) : value
  }
  return attributes as unknown as ContactAttributes
}

/**
 * One page of the current organisation's contacts matching `filters`, and how many match in all: two
 * queries at once (outside a transaction), read as plain rows (a read-only page gains nothing from model instances, which cost
 * more than the query). `.pojo()` runs no model hook, so the organisation is filtered here.
 */
export async function contactsPage(filters: ContactFilters, page: number, perPage: number) {
  const query = contactsQuery(filters).where(
    `${Contact.table}.organization_id`,
    tenantContext.require()
  )
  const readPage = () => query.clone().forPage(page, perPage).pojo<Record<string, unknown>>()
  const count = () =>
    query.clone().clearOrder().count('* as total').pojo<{ total: string | number }>()
  // A transaction is one connection, which runs one query at a time: pg would only queue the second.
  const [rows, counted] = query.client.isTransaction
    ? [await readPage(), await count()]
    : await Promise.all([readPage(), count()])
  const total = Number(counted[0].total)
  return {
    contacts: rows.map(toAttributes),
    meta: { total, perPage, currentPage: page, lastPage: Math.max(Math.ceil(total / perPage), 1) },
  }
}

/** The sort key of each order as SQL, and the same key read back from a cursor value. */
const SORT_KEYS: Record<ContactSort, { column: string; asText: string; fromCursor: string }> = {
  name: { column: folded('name'), asText: folded('name'), fromCursor: '?::text' },
  createdAt: {
    column: 'created_at',
    asText: `(extract(epoch from created_at) * 1000000)::bigint::text`,
    fromCursor: `timestamptz 'epoch' + ?::bigint * interval '1 microsecond'`,
  },
  updatedAt: {
    column: 'updated_at',
    asText: `(extract(epoch from updated_at) * 1000000)::bigint::text`,
    fromCursor: `timestamptz 'epoch' + ?::bigint * interval '1 microsecond'`,
  },
}

/** One cursor page: its contacts, the token of the next page (null at the end), the total on the first page. */
export interface ContactCursorPage {
  contacts: Contact[]
  nextCursor: string | null
  total: number | null
}

/**
 * The page of contacts after `cursor` (from the start without one), in the same order as
 * `contactsQuery`. Keyset paging reads through the sort indexes, so a page deep in 100,000 contacts
 * costs what the first one does; the total is counted on the first page only.
 */
export async function contactsAfter(
  filters: ContactFilters,
  perPage: number,
  cursor?: string
): Promise<ContactCursorPage> {
  const sort = filters.sort ?? 'name'
  const order = filters.order ?? 'asc'
  const key = SORT_KEYS[sort]
  const query = contactsQuery(filters)
    .select('*')
    .select(db.raw(`${key.asText} AS cursor_key`))
  if (cursor) {
    const after = decodeContactCursor(cursor, sort, order)
    query.whereRaw(
      `(${key.column}, id) ${order === 'asc' ? '>' : '<'} (${key.fromCursor}, ?::uuid)`,
      [after.value, after.id]
    )
  }
  // The page and the count run side by side on two connections of the pool.
  const [rows, total] = await Promise.all([
    query.limit(perPage + 1),
    cursor ? null : countContacts(filters),
  ])
  const contacts = rows.slice(0, perPage)
  const last = contacts.at(-1)
  const nextCursor =
    rows.length > perPage && last
      ? encodeContactCursor({ sort, order, value: String(last.$extras.cursor_key), id: last.id })
      : null
  return { contacts, nextCursor, total }
}

async function countContacts(filters: ContactFilters): Promise<number> {
  // Read as models, not pojo(): the tenant hooks that keep other organisations out run on model fetches.
  const [row] = await contactsQuery(filters).clearOrder().count('* as total')
  return Number(row?.$extras.total ?? 0)
}

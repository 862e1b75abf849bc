import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Infer } from '@vinejs/vine/types'
import Contact from '../models/contact.ts'
import type { exportContactsValidator } from '../validators/contact.ts'
import { normalizePhoneNumber } from '../services/phone_number.ts'

/** The filters and order shared by the list and the export. */
export type ContactFilters = Infer<typeof exportContactsValidator>

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
    const phone = normalizePhoneNumber(q)
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

import { isUuid } from '@ia/kernel/contracts'
import { contactErrors } from '../errors.ts'

/** Column a contact list can be sorted by. */
export type ContactSort = 'name' | 'createdAt' | 'updatedAt'

/** Where a cursor page ends: the order it was read in, and the last row's sort value and id. */
export interface ContactCursor {
  sort: ContactSort
  order: 'asc' | 'desc'
  /** The last row's sort key: its folded name, or its timestamp in microseconds since 1970 (exact, unlike a JS Date). */
  value: string
  id: string
}

const MICROSECONDS = /^-?\d{1,17}$/

/** An opaque token for the page after `cursor`. */
export function encodeContactCursor(cursor: ContactCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.id])).toString(
    'base64url'
  )
}

/**
 * Reads a token made by `encodeContactCursor` for the same order; anything else (edited, truncated, or
 * made for another sort) is a 422 on `cursor`, never a database error.
 */
export function decodeContactCursor(
  token: string,
  sort: ContactSort,
  order: 'asc' | 'desc'
): ContactCursor {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    throw contactErrors.invalidCursor()
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw contactErrors.invalidCursor()
  const [cursorSort, cursorOrder, value, id] = parsed as unknown[]
  if (cursorSort !== sort || cursorOrder !== order) throw contactErrors.invalidCursor()
  if (typeof value !== 'string' || value.length > 1000) throw contactErrors.invalidCursor()
  if (!isUuid(id)) throw contactErrors.invalidCursor()
  if (sort !== 'name' && !MICROSECONDS.test(value)) throw contactErrors.invalidCursor()
  return { sort, order, value, id }
}

import type { Category } from './types'

// Every category the API knows, in the catalogue's order; the type check fails when the API adds or drops one.
const CATEGORY_ORDER = {
  crm: 1,
  sales: 2,
  accounting: 3,
  inventory: 4,
  hr: 5,
  productivity: 6,
  communication: 7,
  reporting: 8,
  integrations: 9,
  other: 10,
} as const satisfies Record<Category, number>

/** The catalogue's categories, in display order. */
export const CATEGORIES = Object.keys(CATEGORY_ORDER) as Category[]

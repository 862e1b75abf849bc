import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { DomainError } from '@ia/kernel/contracts'

/** What is wrong with a piece of text, as the error code that names it. */
type TextDefect = 'E_NUL_CHARACTER' | 'E_INVALID_TEXT'

function defectOf(text: string): TextDefect | null {
  if (text.includes('\u0000')) return 'E_NUL_CHARACTER'
  // A lone UTF-16 surrogate (`\ud800` in JSON) has no UTF-8 form: PostgreSQL and most libraries choke on it.
  if (!text.isWellFormed()) return 'E_INVALID_TEXT'
  return null
}

/** The first string (value or key) that cannot be stored as text, with its dotted path, or null. */
function findDefect(value: unknown, path: string): { field: string; defect: TextDefect } | null {
  if (typeof value === 'string') {
    const defect = defectOf(value)
    return defect ? { field: path, defect } : null
  }
  if (!value || typeof value !== 'object') return null
  for (const [key, entry] of Object.entries(value)) {
    const keyDefect = defectOf(key)
    if (keyDefect) return { field: path || '(key)', defect: keyDefect }
    const found = findDefect(entry, path ? `${path}.${key}` : key)
    if (found) return found
  }
  return null
}

/**
 * Text PostgreSQL cannot hold, a NUL character or a lone UTF-16 surrogate, in any field of the body or
 * the query string (values and keys) or in the path answers 422 naming the field, in the user's
 * language, before any validator, library or query sees it.
 */
export default class RejectInvalidTextMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const found = findDefect(ctx.request.all(), '') ?? findDefect(ctx.request.url(), 'url')
    if (found)
      throw new DomainError(
        found.defect,
        422,
        `platform.errors.${found.defect}`,
        {},
        found.field || undefined
      )
    return next()
  }
}

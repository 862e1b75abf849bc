import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { DomainError } from '@ia/kernel/contracts'

/** The dotted path of the first string (value or key) holding a NUL character, or null. */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null
  if (!value || typeof value !== 'object') return null
  for (const [key, entry] of Object.entries(value)) {
    const entryPath = path ? `${path}.${key}` : key
    if (key.includes('\u0000')) return path || '(key)'
    const found = findNul(entry, entryPath)
    if (found !== null) return found
  }
  return null
}

/**
 * PostgreSQL refuses the NUL character in text: a request carrying one answers 422 naming the field,
 * in the user's language, instead of failing in the database.
 */
export default class RejectNulCharactersMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const field = findNul(ctx.request.all(), '') ?? findNul(ctx.request.url(), 'url')
    if (field !== null) {
      throw new DomainError('E_NUL_CHARACTER', 422, 'platform.errors.E_NUL_CHARACTER', {}, field || undefined)
    }
    return next()
  }
}

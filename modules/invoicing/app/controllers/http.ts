import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import type { Actor } from '../services/drafts.ts'

/** Who makes the request, for the timeline and the audit log. */
export const actorOf = (ctx: HttpContext): Actor => ({
  userId: ctx.auth.user!.id,
  ip: ctx.request.ip(),
})

/** A validated calendar date (VineJS gives a Date at local midnight) as YYYY-MM-DD. */
export function isoDateOf<T extends Date | null | undefined>(
  date: T
): T extends Date ? string : Exclude<T, Date> | undefined {
  return (
    date instanceof Date ? DateTime.fromJSDate(date).toISODate() : (date ?? undefined)
  ) as never
}

import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'

/** A validated calendar date (VineJS gives a Date at local midnight) as YYYY-MM-DD. */
export function isoDay(date: Date): string
export function isoDay(date: Date | undefined): string | undefined
export function isoDay(date: Date | undefined) {
  return date === undefined ? undefined : DateTime.fromJSDate(date).toISODate()!
}

/** The organisation and user of the request. */
export function requestParties(ctx: HttpContext) {
  return { organizationId: ctx.organization.id as string, userId: ctx.auth.user!.id as string }
}

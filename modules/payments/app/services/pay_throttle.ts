import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import type { HttpContext } from '@adonisjs/core/http'
import { paymentsErrors } from '../errors.ts'

/**
 * What the customer's "pay" button allows. Each request rings a phone and costs a gateway call: a
 * link is good for a few tries (a declined or mistyped payment, tried again), an address for a few
 * links (one person paying several invoices), and more than that is someone ringing strangers' phones.
 */
export const PAY_THROTTLES = {
  perLink: { requests: 5, duration: '15 mins', blockDuration: '15 mins' },
  perAddress: { requests: 20, duration: '15 mins', blockDuration: '15 mins' },
} as const

async function consume(
  ctx: HttpContext,
  throttle: (typeof PAY_THROTTLES)[keyof typeof PAY_THROTTLES],
  key: string
) {
  try {
    await limiter.use(throttle).consume(key)
  } catch (error) {
    if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
    const seconds = Math.max(1, Math.ceil(error.response.availableIn))
    ctx.response.header('retry-after', String(seconds))
    throw paymentsErrors.tooManyPaymentRequests(Math.ceil(seconds / 60))
  }
}

/** Counts one "pay" request from the client's address (before the link is even read: guessed links count too). */
export function throttlePayByAddress(ctx: HttpContext) {
  return consume(ctx, PAY_THROTTLES.perAddress, `payments:pay:ip:${ctx.request.ip()}`)
}

/** Counts one "pay" request on the document a valid link names. */
export function throttlePayByLink(ctx: HttpContext, documentId: string) {
  return consume(ctx, PAY_THROTTLES.perLink, `payments:pay:link:${documentId}`)
}

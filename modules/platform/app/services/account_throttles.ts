import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '../models/user.ts'
import { DomainError } from '@ia/kernel/contracts'
import { platformConfig } from './platform_config.ts'

/** How many requests a key may make in a window, and how long it is blocked past that. */
type Throttle = { requests: number; duration: string; blockDuration?: string }

/** What every account form allows one client address: many people can share one address (a mobile carrier's NAT). */
const PER_ADDRESS: Throttle = { requests: 30, duration: '1 min', blockDuration: '5 mins' }

/** The account forms that are limited, with what each allows one address and one account (an email or a user). */
export const ACCOUNT_THROTTLES = {
  'sign-in': { address: PER_ADDRESS },
  // Sign-up may say that an address is taken: the tighter limit per address keeps that from listing accounts.
  'sign-up': {
    address: { requests: 20, duration: '1 hour', blockDuration: '1 hour' },
    account: { requests: 5, duration: '15 mins' },
  },
  'forgot-password': {
    address: { requests: 20, duration: '15 mins' },
    account: { requests: 5, duration: '15 mins' },
  },
  'current-password': { address: PER_ADDRESS },
  // Each request mails a link to an address the requester chooses: few per account, so nobody is flooded.
  'change-email': {
    address: { requests: 20, duration: '1 hour' },
    account: { requests: 5, duration: '1 hour' },
  },
  'delete-account': { address: PER_ADDRESS, account: { requests: 5, duration: '15 mins' } },
} satisfies Record<string, { address: Throttle; account?: Throttle }>

/** A limited account form. */
export type ThrottledForm = keyof typeof ACCOUNT_THROTTLES

/** The 429 of a limit, saying in the Retry-After header when it ends (seconds). */
export function tooManyAttempts(
  ctx: HttpContext,
  availableInSeconds: number,
  code: 'E_TOO_MANY_ATTEMPTS' | 'E_TOO_MANY_REQUESTS'
) {
  const seconds = Math.max(1, Math.ceil(availableInSeconds))
  ctx.response.header('retry-after', String(seconds))
  return new DomainError(code, 429, `platform.errors.${code}`, { minutes: Math.ceil(seconds / 60) })
}

/** Counts one request on `key`, failing with a 429 past the limit. */
async function consume(
  ctx: HttpContext,
  throttle: Throttle,
  key: string,
  code: 'E_TOO_MANY_ATTEMPTS' | 'E_TOO_MANY_REQUESTS'
) {
  try {
    await limiter.use(throttle).consume(key)
  } catch (error) {
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS)
      throw tooManyAttempts(ctx, error.response.availableIn, code)
    throw error
  }
}

/**
 * Counts one request of `form` from the client's address and, when given, for `account` (an email
 * address or a user id): a 429 when either is past its limit. Unknown and known accounts count alike.
 */
export async function throttleAccountForm(ctx: HttpContext, form: ThrottledForm, account?: string) {
  const code = form === 'sign-in' ? 'E_TOO_MANY_ATTEMPTS' : 'E_TOO_MANY_REQUESTS'
  const limits: { address: Throttle; account?: Throttle } = ACCOUNT_THROTTLES[form]
  await consume(ctx, limits.address, `${form}:ip:${ctx.request.ip()}`, code)
  if (account !== undefined && limits.account)
    await consume(ctx, limits.account, `${form}:account:${account.toLowerCase()}`, code)
}

/** The lock of an account after SIGN_IN_MAX_ATTEMPTS failed password checks, for SIGN_IN_LOCK_MINUTES. */
export function accountLock() {
  const { maxAttempts, lockMinutes } = platformConfig.signIn
  return limiter.use({
    requests: maxAttempts,
    duration: `${lockMinutes} mins`,
    blockDuration: `${lockMinutes} mins`,
  })
}

/**
 * Checks the signed-in user's current password before a sensitive change: limited per address, and
 * failures lock the account's checks as failed sign-ins do, so a stolen session cannot guess it.
 * A wrong password is a 422 on `field`.
 */
export async function verifyCurrentPassword(
  ctx: HttpContext,
  user: User,
  password: string,
  field = 'currentPassword'
) {
  await throttleAccountForm(ctx, 'current-password')
  // An account opened through an identity provider has no password to check: it sets one first.
  if (!user.password)
    throw new DomainError('E_NO_PASSWORD_SET', 422, 'platform.errors.E_NO_PASSWORD_SET', {}, field)
  const [throttled] = await accountLock().penalize(
    `current-password:account:${user.id}`,
    async () => {
      if (!(await user.verifyPassword(password))) {
        throw new DomainError(
          'E_WRONG_PASSWORD',
          422,
          'platform.errors.E_WRONG_PASSWORD',
          {},
          field
        )
      }
      return true
    }
  )
  if (throttled) throw tooManyAttempts(ctx, throttled.response.availableIn, 'E_TOO_MANY_REQUESTS')
}

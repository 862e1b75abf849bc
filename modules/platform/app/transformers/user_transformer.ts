import type User from '../models/user.ts'

/** The public shape of a user. */
export function serializeUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    locale: user.locale,
    emailVerified: Boolean(user.emailVerifiedAt),
    createdAt: user.createdAt.toISO(),
  }
}

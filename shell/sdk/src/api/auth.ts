import { http } from '../config'
import type { AuthProvider, Locale, OrganizationSummary, User } from '../types'

const base = '/api/v1/auth'

/** Creates an account and signs it in. */
export function signUp(input: {
  fullName: string
  email: string
  password: string
  locale?: Locale
  invitationToken?: string
}): Promise<{ user: User }> {
  return http.post(`${base}/sign-up`, input)
}

/** Opens a session with an email and password. */
export function signIn(input: { email: string; password: string }): Promise<{ user: User }> {
  return http.post(`${base}/sign-in`, input)
}

/** Closes the current session. */
export function signOut(): Promise<void> {
  return http.post(`${base}/sign-out`)
}

/** The signed-in user and their organisations. */
export function getMe(): Promise<{ user: User; organizations: OrganizationSummary[] }> {
  return http.get(`${base}/me`)
}

/** Changes the signed-in user's name or language. */
export function updateMe(input: { fullName?: string; locale?: Locale }): Promise<{ user: User }> {
  return http.patch(`${base}/me`, input)
}

/** Changes the signed-in user's password; their other sessions end, and their access tokens too unless `revokeAccessTokens` is false. */
export function changePassword(input: {
  currentPassword: string
  password: string
  revokeAccessTokens: boolean
}): Promise<void> {
  return http.post(`${base}/password`, input)
}

/** Signs the user out of every other session, and revokes their access tokens too unless `revokeAccessTokens` is false. */
export function endOtherSessions(input: { revokeAccessTokens: boolean }): Promise<void> {
  return http.post(`${base}/sessions/end-others`, input)
}

/** Asks to move the account to `email`: a link goes to that address, and nothing changes until it is followed. */
export function changeEmail(input: { email: string; currentPassword: string }): Promise<void> {
  return http.post(`${base}/email`, input)
}

/** Moves the account to the address confirmed by the token of an address-change link. */
export function confirmEmailChange(token: string): Promise<{ user: User }> {
  return http.post(`${base}/email/confirm`, { token })
}

/** An organisation named in the plan of an account deletion. */
export type OrganizationRef = { id: string; name: string }

/** What deleting the account would do: organisations that block it, that go with it, and that stay. */
export function getAccountDeletionPlan(): Promise<{
  blocking: OrganizationRef[]
  deleted: OrganizationRef[]
  left: OrganizationRef[]
}> {
  return http.get(`${base}/me/deletion`)
}

/** Deletes the signed-in user's account (and the organisations of which they are the only member). */
export function deleteAccount(input: { currentPassword: string }): Promise<void> {
  return http.delete(`${base}/me`, { body: input })
}

/** Sends a reset link if the address has an account (the answer never says whether it has). */
export function forgotPassword(email: string): Promise<void> {
  return http.post(`${base}/forgot-password`, { email })
}

/** Sets a new password with the token from a reset link. */
export function resetPassword(input: { token: string; password: string }): Promise<void> {
  return http.post(`${base}/reset-password`, input)
}

/** Confirms an email address with the token from a verification link. */
export function verifyEmail(token: string): Promise<void> {
  return http.post(`${base}/verify-email`, { token })
}

/** The OAuth/OIDC providers offered on the sign-in screen. */
export function listAuthProviders(): Promise<{ providers: AuthProvider[] }> {
  return http.get(`${base}/providers`)
}

/** Where the browser goes (by navigation, not fetch) to sign in with a provider. */
export function oauthRedirectUrl(providerId: string): string {
  return `${base}/oauth/${encodeURIComponent(providerId)}/redirect`
}

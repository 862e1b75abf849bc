import { http } from '../config'
import type { AccessToken, NewAccessToken } from '../types'

const base = '/api/v1/auth/tokens'

/** The signed-in user's personal access tokens, without their secrets. */
export function listAccessTokens(): Promise<{ data: AccessToken[] }> {
  return http.get(base)
}

/** Creates a personal access token for an API client; `expiresInDays` (1-365) omitted means it never expires. */
export function createAccessToken(input: {
  name: string
  expiresInDays?: number
}): Promise<{ token: NewAccessToken }> {
  return http.post(base, input)
}

/** Revokes one of the signed-in user's tokens (`DELETE`, operation `deleteAccessToken`); clients using it get 401 at once. */
export function revokeAccessToken(tokenId: string): Promise<void> {
  return http.delete(`${base}/${encodeURIComponent(tokenId)}`)
}

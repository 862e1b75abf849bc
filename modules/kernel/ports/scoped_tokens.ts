/** What a scoped token grants: one organisation, some scopes, and a binding that revokes it with what it was issued for. */
export type ScopedGrant = {
  organizationId: string
  scopes: string[]
  /** Names what the token was issued for (`install:<id>`, `api-key:<id>`): revoking the binding revokes its tokens. */
  binding: string
}

/** A token as issued: its id, its secret (shown once) and when it expires. */
export type IssuedToken = { id: string; token: string; expiresAt: string | null }

/**
 * Bearer tokens of a user narrowed to one organisation and some scopes. The platform implements them
 * and enforces them on every request: another organisation's routes answer 404, a route outside the
 * scopes (or declaring no permission) 403.
 */
export interface ScopedTokens {
  issue(
    userId: string,
    grant: ScopedGrant,
    options: { name: string; expiresInSeconds?: number }
  ): Promise<IssuedToken>
  /** Deletes every token issued for `binding`. */
  revokeBinding(binding: string): Promise<void>
  /** When each token (by id) was last used, at the minute; null when never, absent when revoked. */
  lastUsed(tokenIds: string[]): Promise<Map<string, string | null>>
}

import type { AccessToken } from '@adonisjs/auth/access_tokens'
import { defineSerializer, Type, wire } from '@ia/kernel/contracts'

/** A personal access token as listed, never with its secret (the `AccessToken` schema). */
export const serializeAccessToken = defineSerializer(
  'AccessToken',
  Type.Object({
    id: Type.String(),
    name: wire.text(),
    lastUsedAt: wire.dateTimeOrNull(),
    expiresAt: wire.dateTimeOrNull('Null when the token never expires.'),
    createdAt: wire.dateTime(),
  }),
  (token: AccessToken) => ({
    id: String(token.identifier),
    name: token.name,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    createdAt: token.createdAt.toISOString(),
  })
)

/** A token just created, with its secret this once (the `NewAccessToken` schema). */
export const serializeNewAccessToken = defineSerializer(
  'NewAccessToken',
  Type.Object({
    id: Type.String(),
    name: wire.text(),
    value: Type.String({
      description: 'The secret, shown this once only: send it as `Authorization: Bearer <value>`.',
    }),
  }),
  (token: AccessToken) => ({
    id: String(token.identifier),
    name: token.name,
    value: token.value!.release(),
  })
)

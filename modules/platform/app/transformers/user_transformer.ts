import type User from '../models/user.ts'
import { defineSerializer, isoTimestamp, Type, wire } from '@ia/kernel/contracts'

/** The public shape of a user (the `User` schema). */
export const serializeUser = defineSerializer(
  'User',
  Type.Object({
    id: wire.uuid(),
    email: Type.String({ format: 'email' }),
    fullName: Type.String(),
    locale: wire.oneOf(['fr', 'en']),
    emailVerified: Type.Boolean(),
    createdAt: wire.dateTime(),
  }),
  (user: User) => ({
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    locale: user.locale,
    emailVerified: Boolean(user.emailVerifiedAt),
    createdAt: isoTimestamp(user.createdAt),
  })
)

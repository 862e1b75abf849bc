import { defineSerializer, isoTimestampOrNull, Type, wire } from '@ia/kernel/contracts'
import type { UserPreference } from '../services/user_preferences.ts'

/** One of the user's interface choices (the `UserPreference` schema). */
export const serializePreference = defineSerializer(
  'UserPreference',
  Type.Object({
    key: Type.String(),
    value: Type.Unknown({
      description: 'Any JSON value; null while the user never saved this preference.',
    }),
    updatedAt: wire.dateTimeOrNull('When it was last saved; null while never saved.'),
  }),
  (preference: UserPreference) => ({
    key: preference.key,
    value: preference.value,
    updatedAt: isoTimestampOrNull(preference.updatedAt),
  })
)

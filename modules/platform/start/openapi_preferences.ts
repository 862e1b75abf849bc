/*
 * The API reference of the signed-in user's interface preferences (a table's hidden columns...): small JSON values
 * under a key, kept per user so that they follow the user from one device to the next.
 */
import { serializePreference } from '../app/transformers/preference_transformer.ts'
import { MAX_PREFERENCE_BYTES, savePreferenceValidator } from '../app/validators/preferences.ts'
import { describeRoute, wrapped } from '../app/openapi/registry.ts'

const key =
  'Letters, digits, `.`, `_` and `-`, 120 characters at most, e.g. `data-table.contacts.list.hidden-columns`.'

describeRoute('GET /api/v1/me/preferences/:key', {
  operationId: 'getMyPreference',
  summary: 'One of my interface preferences',
  tags: ['Auth'],
  params: { key },
  responses: {
    200: {
      description: 'The preference; its `value` is null while never saved.',
      schema: wrapped('preference', serializePreference.ref),
    },
  },
})
describeRoute('PUT /api/v1/me/preferences/:key', {
  operationId: 'saveMyPreference',
  summary: 'Save one of my interface preferences',
  description: `The value is any JSON of at most ${MAX_PREFERENCE_BYTES} bytes (\`E_PREFERENCE_TOO_LARGE\` beyond), replacing the saved one.`,
  tags: ['Auth'],
  params: { key },
  request: savePreferenceValidator,
  requestExample: { value: ['email', 'phone'] },
  responses: {
    200: {
      description: 'The saved preference.',
      schema: wrapped('preference', serializePreference.ref),
    },
  },
})

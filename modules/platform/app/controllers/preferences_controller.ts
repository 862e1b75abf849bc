import type { HttpContext } from '@adonisjs/core/http'
import { userPreferences } from '../services/user_preferences.ts'
import { serializePreference } from '../transformers/preference_transformer.ts'
import { preferenceKeyValidator, savePreferenceValidator } from '../validators/preferences.ts'

/** The signed-in user's own interface choices, one JSON value per key. */
export default class PreferencesController {
  async show({ auth, params, request }: HttpContext) {
    const { key } = await request.validateUsing(preferenceKeyValidator, {
      data: { key: params.key },
    })
    return { preference: serializePreference(await userPreferences.get(auth.user!.id, key)) }
  }

  async update({ auth, params, request }: HttpContext) {
    const { key, value } = await request.validateUsing(savePreferenceValidator, {
      data: { key: params.key, value: request.input('value') },
    })
    return {
      preference: serializePreference(await userPreferences.save(auth.user!.id, key, value)),
    }
  }
}

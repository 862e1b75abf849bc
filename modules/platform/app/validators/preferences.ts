import vine from '@vinejs/vine'

/** What a preference key may look like: `data-table.contacts.list.hidden-columns`. */
export const PREFERENCE_KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,119}$/i

/** Largest preference value, in bytes of its JSON. */
export const MAX_PREFERENCE_BYTES = 8 * 1024

/** The key of a preference, from the URL. */
export const preferenceKeyValidator = vine.create({
  key: vine.string().regex(PREFERENCE_KEY_PATTERN),
})

/** Saving a preference: its key (from the URL) and any JSON value. */
export const savePreferenceValidator = vine.create({
  key: vine.string().regex(PREFERENCE_KEY_PATTERN),
  value: vine.any(),
})

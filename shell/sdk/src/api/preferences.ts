import { http } from '../config'
import type { Schemas } from '../wire'

/** One of the signed-in user's interface preferences; `value` is null while never saved. */
export type UserPreference = Schemas['UserPreference']

const path = (key: string) => `/api/v1/me/preferences/${encodeURIComponent(key)}`

/** Reads one of my preferences, e.g. `data-table.contacts.list.hidden-columns`. */
export function getMyPreference(key: string): Promise<{ preference: UserPreference }> {
  return http.get(path(key))
}

/** Saves one of my preferences (any JSON of at most 8 KiB), for every device I sign in on. */
export function saveMyPreference(
  key: string,
  value: unknown
): Promise<{ preference: UserPreference }> {
  return http.put(path(key), { value })
}

/*
 * Where the kit keeps a user's choices beyond this browser (a table's hidden columns...). The kit makes no API call
 * itself: the app plugs in its server with `setPreferenceStore` once at start-up, and the kit, one shared module for
 * the shell and every remote, uses it everywhere. Without a store, choices stay in this browser's localStorage.
 */

/** Reads and writes the signed-in user's preferences on the server, one JSON value per key. */
export interface PreferenceStore {
  /** The saved value, or null when the user never saved one. */
  load(key: string): Promise<unknown>
  save(key: string, value: unknown): Promise<void>
}

let current: PreferenceStore | null = null

/** Plugs in (or, with null, removes) the server store of the signed-in user's preferences. */
export function setPreferenceStore(store: PreferenceStore | null): void {
  current = store
}

/** The store plugged in by the app, if any. */
export function preferenceStore(): PreferenceStore | null {
  return current
}

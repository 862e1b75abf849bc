import { ref, watch, type Ref } from 'vue'
import { preferenceStore } from '../../preferences'

const STORAGE_PREFIX = 'ia.data-table'

/** Where one user's hidden columns of one table are kept in localStorage. */
export function columnPreferencesKey(
  tableId: string,
  userId: string | number | null | undefined
): string {
  return `${STORAGE_PREFIX}.${tableId}.${userId ?? 'anonymous'}.hidden-columns`
}

/** The name of the same choice on the server, where it belongs to the signed-in user (so it has no user id). */
export function columnPreferencesServerKey(tableId: string): string {
  return `data-table.${tableId}.hidden-columns`
}

const asColumnList = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : null

function readHidden(key: string, fallback: string[]): string[] {
  try {
    const stored = globalThis.localStorage?.getItem(key)
    if (stored === null || stored === undefined) return fallback
    return asColumnList(JSON.parse(stored)) ?? fallback
  } catch {
    // A value written by hand or by an older version must not break the table.
    return fallback
  }
}

function writeHidden(key: string, value: string[]): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value))
  } catch {
    // Private browsing or a full storage: the server copy (if any) still keeps it.
  }
}

/** Where a table's column choice lives: in this browser, and on the server for a signed-in user (null otherwise). */
export type ColumnPreferenceKeys = { local: string; server: string | null }

/**
 * The columns a user has hidden in a table. localStorage answers at once (the fast cache); the server's copy, which
 * follows the user from one device to the next, replaces it when it arrives, unless the user changed the choice in
 * the meantime. Read again whenever the table or the user changes, so one person's choice never shows for another.
 */
export function useHiddenColumns(
  keys: () => ColumnPreferenceKeys,
  defaults: () => string[]
): Ref<string[]> {
  const hidden = ref<string[]>([])
  let applying = false
  let generation = 0

  function apply(value: string[]): void {
    applying = true
    hidden.value = value
    applying = false
  }

  function load({ local, server }: ColumnPreferenceKeys): void {
    const loading = ++generation
    apply(readHidden(local, defaults()))
    const store = preferenceStore()
    if (!store || !server) return
    store.load(server).then(
      (value) => {
        const columns = asColumnList(value)
        if (loading !== generation || columns === null) return
        apply(columns)
        writeHidden(local, columns)
      },
      () => {
        // The server is out of reach: this browser's copy stands.
      }
    )
  }

  load(keys())
  watch(keys, (next, previous) => {
    if (next.local !== previous.local || next.server !== previous.server) load(next)
  })
  watch(
    hidden,
    (value) => {
      if (applying) return
      // A choice made now wins over a server answer still on its way.
      generation++
      const { local, server } = keys()
      writeHidden(local, value)
      if (server)
        preferenceStore()
          ?.save(server, value)
          .catch(() => {
            // Not saved on the server: this browser keeps it, and the next change tries again.
          })
    },
    // Synchronous, so that `applying` is still set when a value read from storage arrives here.
    { deep: true, flush: 'sync' }
  )
  return hidden
}

import { ref, watch, type Ref } from 'vue'

const STORAGE_PREFIX = 'ia.data-table'

/** Where one user's hidden columns of one table are kept in localStorage. */
export function columnPreferencesKey(tableId: string, userId: string | number | null | undefined): string {
  return `${STORAGE_PREFIX}.${tableId}.${userId ?? 'anonymous'}.hidden-columns`
}

function readHidden(key: string, fallback: string[]): string[] {
  try {
    const stored = globalThis.localStorage?.getItem(key)
    if (stored === null || stored === undefined) return fallback
    const parsed: unknown = JSON.parse(stored)
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : fallback
  } catch {
    // A value written by hand or by an older version must not break the table.
    return fallback
  }
}

/**
 * The columns a user has hidden in a table, read from and written back to localStorage; reading again
 * whenever the table or the user changes, so one person's choice never shows for another.
 */
export function useHiddenColumns(key: () => string, defaults: () => string[]): Ref<string[]> {
  const hidden = ref<string[]>(readHidden(key(), defaults()))
  let loading = false
  watch(key, (next) => {
    loading = true
    hidden.value = readHidden(next, defaults())
    loading = false
  })
  watch(
    hidden,
    (value) => {
      if (loading) return
      try {
        globalThis.localStorage?.setItem(key(), JSON.stringify(value))
      } catch {
        // Private browsing or a full storage: the choice lasts for this page only.
      }
    },
    { deep: true }
  )
  return hidden
}

import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

/** Asks the server for what matches `query`; the signal aborts it when a newer query supersedes it. */
export type RemoteSearch<T> = (query: string, signal: AbortSignal) => Promise<T[]>

/** Where a remote search stands: nothing asked yet (query too short), waiting, answered, or failed. */
export type RemoteSearchStatus = 'idle' | 'loading' | 'done' | 'failed'

/**
 * Searches the server as `query` changes: once typing pauses for `debounce` ms, never for fewer than
 * `minLength` characters, and only the latest answer counts (older requests are aborted).
 */
export function useRemoteSearch<T>(
  query: Ref<string>,
  options: {
    search: () => RemoteSearch<T> | undefined
    debounce: () => number
    minLength: () => number
    skip?: (text: string) => boolean
  }
): { results: Ref<T[]>; status: Ref<RemoteSearchStatus> } {
  const results = ref([]) as Ref<T[]>
  const status = ref<RemoteSearchStatus>('idle')
  let timer: ReturnType<typeof setTimeout> | undefined
  let controller: AbortController | null = null

  function cancel(): void {
    clearTimeout(timer)
    controller?.abort()
  }

  async function run(search: RemoteSearch<T>, text: string): Promise<void> {
    const current = new AbortController()
    controller = current
    try {
      const found = await search(text, current.signal)
      if (current.signal.aborted) return
      results.value = found
      status.value = 'done'
    } catch {
      if (current.signal.aborted) return
      results.value = []
      status.value = 'failed'
    }
  }

  watch(
    () => query.value.trim(),
    (text) => {
      cancel()
      if (options.skip?.(text)) return
      const search = options.search()
      if (!search || text.length < options.minLength()) {
        results.value = []
        status.value = 'idle'
        return
      }
      status.value = 'loading'
      timer = setTimeout(() => void run(search, text), options.debounce())
    }
  )
  onBeforeUnmount(cancel)
  return { results, status }
}

import { usePlatformSession } from '@ia/sdk'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { listContacts } from '../api/contacts'
import type { Contact, ContactFilters, ContactListParams, ContactSortKey } from '../types'

/** Contacts fetched per request; scrolling to the end of the table fetches the next ones. */
export const PAGE_SIZE = 50

/** Filters of a fresh list: every active contact. */
export function defaultFilters(): ContactFilters {
  return { q: '', kind: '', role: '', tag: '', archived: 'false' }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/** The contact list: its filters, order and loaded rows survive a visit to a contact and back. */
export const useContactListStore = defineStore('contacts-list', () => {
  const session = usePlatformSession()

  /** Filters applied to the list and to the CSV export. */
  const filters = reactive<ContactFilters>(defaultFilters())
  /** Column the list is sorted by. */
  const sort = ref<ContactSortKey>('name')
  /** Direction of the sort. */
  const order = ref<'asc' | 'desc'>('asc')
  /** Contacts loaded so far, page after page, in the list's order; replaced, never changed in place (see UiDataTable). */
  const contacts = shallowRef<Contact[]>([])
  /** Contacts matching the filters on the server; null until the first page arrives. */
  const total = ref<number | null>(null)
  /** Where the next page starts; null when every matching contact is loaded. */
  const nextCursor = ref<string | null>(null)
  /** Whether a request is on its way. */
  const loading = ref(false)
  /** What the last request failed with; null when it succeeded. */
  const error = ref<unknown>(null)

  const params = computed<ContactListParams>(() => ({
    ...filters,
    perPage: PAGE_SIZE,
    sort: sort.value,
    order: order.value,
  }))
  const hasMore = computed(() => nextCursor.value !== null)

  const hasActiveFilters = computed(() => {
    const initial = defaultFilters()
    return (Object.keys(initial) as (keyof ContactFilters)[]).some(
      (key) => filters[key].trim() !== initial[key]
    )
  })

  let controller: AbortController | null = null

  async function fetchPage(cursor: string | undefined): Promise<void> {
    controller?.abort()
    const current = new AbortController()
    controller = current
    loading.value = true
    error.value = null
    try {
      const answer = await listContacts({ ...params.value, cursor }, current.signal)
      contacts.value = cursor ? [...contacts.value, ...answer.data] : answer.data
      if (!cursor) total.value = answer.meta.total
      nextCursor.value = answer.meta.nextCursor
    } catch (caught) {
      if (isAbort(caught)) return
      error.value = caught
    } finally {
      if (controller === current) loading.value = false
    }
  }

  /** Fetches the first page for the current filters and order; a newer call cancels an older one. */
  function load(): Promise<void> {
    return fetchPage(undefined)
  }

  /** Loads the first page unless rows are already shown or on their way (coming back from a contact keeps them). */
  function loadIfEmpty(): Promise<void> {
    if (loading.value || (contacts.value.length && !error.value)) return Promise.resolve()
    return load()
  }

  /** Appends the next page, if there is one and nothing else is loading. */
  function loadMore(): Promise<void> {
    if (nextCursor.value === null || loading.value) return Promise.resolve()
    return fetchPage(nextCursor.value)
  }

  /** Changes some filters and loads from the start. */
  function setFilters(patch: Partial<ContactFilters>): Promise<void> {
    Object.assign(filters, patch)
    return load()
  }

  /** Clears every filter, the search included. */
  function resetFilters(): Promise<void> {
    return setFilters(defaultFilters())
  }

  /** Sorts by a column and loads from the start. */
  function setSort(key: ContactSortKey, direction: 'asc' | 'desc'): Promise<void> {
    sort.value = key
    order.value = direction
    return load()
  }

  /** Puts a changed contact in place among the loaded ones, if it is there. */
  function replaceContact(contact: Contact): void {
    contacts.value = contacts.value.map((row) =>
      String(row.id) === String(contact.id) ? contact : row
    )
  }

  // Rows of one organisation must never show while another is selected.
  watch(
    () => session.currentOrgId,
    () => {
      controller?.abort()
      Object.assign(filters, defaultFilters())
      contacts.value = []
      total.value = null
      nextCursor.value = null
      error.value = null
      loading.value = false
    }
  )

  return {
    filters,
    sort,
    order,
    contacts,
    total,
    nextCursor,
    loading,
    error,
    params,
    hasMore,
    hasActiveFilters,
    load,
    loadIfEmpty,
    loadMore,
    setFilters,
    resetFilters,
    setSort,
    replaceContact,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useContactListStore, import.meta.hot))

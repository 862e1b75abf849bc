import { usePlatformSession, type PaginationMeta } from '@ia/sdk'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, reactive, ref, watch } from 'vue'
import { listContacts } from '../api/contacts'
import type { Contact, ContactFilters, ContactListParams, ContactSortKey } from '../types'

/** Page sizes offered by the list. */
export const PAGE_SIZES = [25, 50] as const

/** Filters of a fresh list: every active contact. */
export function defaultFilters(): ContactFilters {
  return { q: '', kind: '', role: '', tag: '', archived: 'false' }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/** The contact list: its filters, page and order survive a visit to a contact and back. */
export const useContactListStore = defineStore('contacts-list', () => {
  const session = usePlatformSession()

  /** Filters applied to the list and to the CSV export. */
  const filters = reactive<ContactFilters>(defaultFilters())
  /** Current page, from 1. */
  const page = ref(1)
  /** Rows per page, one of PAGE_SIZES. */
  const perPage = ref<number>(PAGE_SIZES[0])
  /** Column the list is sorted by. */
  const sort = ref<ContactSortKey>('name')
  /** Direction of the sort. */
  const order = ref<'asc' | 'desc'>('asc')
  /** Contacts of the current page. */
  const contacts = ref<Contact[]>([])
  /** Pagination facts of the last answer; null until one arrives. */
  const meta = ref<PaginationMeta | null>(null)
  /** Whether a request is on its way. */
  const loading = ref(false)
  /** What the last request failed with; null when it succeeded. */
  const error = ref<unknown>(null)

  const params = computed<ContactListParams>(() => ({
    ...filters,
    page: page.value,
    perPage: perPage.value,
    sort: sort.value,
    order: order.value,
  }))

  const hasActiveFilters = computed(() => {
    const initial = defaultFilters()
    return (Object.keys(initial) as (keyof ContactFilters)[]).some((key) => filters[key].trim() !== initial[key])
  })

  let controller: AbortController | null = null

  /** Fetches the page described by the current state; a newer call cancels an older one. */
  async function load(): Promise<void> {
    controller?.abort()
    const current = new AbortController()
    controller = current
    loading.value = true
    error.value = null
    try {
      const answer = await listContacts(params.value, current.signal)
      contacts.value = answer.data
      meta.value = answer.meta
      // A filter may shrink the list below the page we are on: go to its last page.
      if (answer.meta.lastPage >= 1 && page.value > answer.meta.lastPage) {
        page.value = answer.meta.lastPage
        return load()
      }
    } catch (caught) {
      if (isAbort(caught)) return
      error.value = caught
    } finally {
      if (controller === current) loading.value = false
    }
  }

  /** Changes some filters and goes back to the first page. */
  function setFilters(patch: Partial<ContactFilters>): Promise<void> {
    Object.assign(filters, patch)
    page.value = 1
    return load()
  }

  /** Clears every filter, the search included. */
  function resetFilters(): Promise<void> {
    return setFilters(defaultFilters())
  }

  /** Goes to a page. */
  function setPage(next: number): Promise<void> {
    page.value = Math.max(1, next)
    return load()
  }

  /** Changes the page size and goes back to the first page. */
  function setPerPage(next: number): Promise<void> {
    perPage.value = next
    page.value = 1
    return load()
  }

  /** Sorts by a column and goes back to the first page. */
  function setSort(key: ContactSortKey, direction: 'asc' | 'desc'): Promise<void> {
    sort.value = key
    order.value = direction
    page.value = 1
    return load()
  }

  /** Puts a changed contact in place in the current page, if it is there. */
  function replaceContact(contact: Contact): void {
    const index = contacts.value.findIndex((row) => String(row.id) === String(contact.id))
    if (index !== -1) contacts.value[index] = contact
  }

  // Rows of one organisation must never show while another is selected.
  watch(
    () => session.currentOrgId,
    () => {
      controller?.abort()
      Object.assign(filters, defaultFilters())
      page.value = 1
      contacts.value = []
      meta.value = null
      error.value = null
      loading.value = false
    }
  )

  return {
    filters,
    page,
    perPage,
    sort,
    order,
    contacts,
    meta,
    loading,
    error,
    params,
    hasActiveFilters,
    load,
    setFilters,
    resetFilters,
    setPage,
    setPerPage,
    setSort,
    replaceContact,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useContactListStore, import.meta.hot))

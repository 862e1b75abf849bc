import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { getAccess } from '../api/marketplace'
import type { Vendor } from '../types'

/** What the signed-in user may do in the marketplace, read once and kept while the remote lives. */
export const useMarketplaceAccess = defineStore('marketplace-access', () => {
  /** Whether the user reviews vendors and versions (platform administrator). */
  const platformAdmin = ref(false)
  /** The user's vendor profile; null when they have none. */
  const vendor = ref<Vendor | null>(null)
  /** Whether the access has been read at least once. */
  const loaded = ref(false)
  let pending: Promise<void> | null = null

  /** Reads the access (once, unless `force`). */
  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve()
    pending ??= getAccess()
      .then((access) => {
        platformAdmin.value = access.platformAdmin
        vendor.value = access.vendor
        loaded.value = true
      })
      .finally(() => {
        pending = null
      })
    return pending
  }

  /** Keeps the vendor profile the API answered after a change. */
  function setVendor(next: Vendor): void {
    vendor.value = next
  }

  return { platformAdmin, vendor, loaded, load, setVendor }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useMarketplaceAccess, import.meta.hot))

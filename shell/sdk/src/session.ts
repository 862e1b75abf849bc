import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from './api/auth'
import { getOrganization, listOrganizations } from './api/organizations'
import { isApiError } from './errors'
import { roleCan } from './permissions'
import type { Id, Locale, Organization, OrganizationSummary, Role, User } from './types'

const LAST_ORGANIZATION_KEY = 'ia.lastOrganizationId'

function rememberOrganization(id: Id | null): void {
  try {
    if (id === null) localStorage.removeItem(LAST_ORGANIZATION_KEY)
    else localStorage.setItem(LAST_ORGANIZATION_KEY, String(id))
  } catch {
    // Storage may be disabled (private mode); the choice is then only kept for this page.
  }
}

function rememberedOrganization(): string | null {
  try {
    return localStorage.getItem(LAST_ORGANIZATION_KEY)
  } catch {
    return null
  }
}

/** The signed-in user, their organisations and the one they work in; shared by the shell and every remote. */
export const usePlatformSession = defineStore('platform-session', () => {
  /** The signed-in user; null when signed out or not loaded yet. */
  const user = ref<User | null>(null)
  /** Every organisation the user belongs to, with their role in each. */
  const organizations = ref<OrganizationSummary[]>([])
  /** The organisation the user is working in. */
  const currentOrganization = ref<Organization | null>(null)
  /** The user's role in the current organisation. */
  const role = ref<Role | null>(null)
  /** Whether the session has been asked for at least once (signed in or not). */
  const loaded = ref(false)

  const isAuthenticated = computed(() => user.value !== null)
  const currentOrgId = computed<Id | null>(() => currentOrganization.value?.id ?? null)
  const isAdmin = computed(() => role.value === 'owner' || role.value === 'admin')
  const isOwner = computed(() => role.value === 'owner')

  /** Whether the user may do `<module>.<resource>.<action>` in the current organisation. */
  function can(permission: string): boolean {
    return roleCan(role.value, permission)
  }

  function reset(): void {
    user.value = null
    organizations.value = []
    currentOrganization.value = null
    role.value = null
  }

  /** Reads the session from the backend; a 401 means signed out. */
  async function load(force = false): Promise<void> {
    if (loaded.value && !force) return
    try {
      const me = await authApi.getMe()
      user.value = me.user
      organizations.value = me.organizations
    } catch (error) {
      if (!isApiError(error) || error.status !== 401) throw error
      reset()
    } finally {
      loaded.value = true
    }
  }

  async function signIn(credentials: { email: string; password: string }): Promise<void> {
    await authApi.signIn(credentials)
    await load(true)
  }

  async function signUp(input: {
    fullName: string
    email: string
    password: string
    locale?: Locale
    invitationToken?: string
  }): Promise<void> {
    await authApi.signUp(input)
    await load(true)
  }

  async function signOut(): Promise<void> {
    try {
      await authApi.signOut()
    } finally {
      reset()
    }
  }

  /** Makes an organisation the current one and remembers it for the next visit. */
  async function selectOrganization(orgId: Id): Promise<void> {
    const answer = await getOrganization(orgId)
    currentOrganization.value = answer.organization
    role.value = answer.role
    rememberOrganization(answer.organization.id)
  }

  /** Selects the organisation used last time, else the first one; false when the user has none. */
  async function restoreOrganization(): Promise<boolean> {
    if (currentOrganization.value) return true
    const remembered = rememberedOrganization()
    const target =
      organizations.value.find((organization) => String(organization.id) === remembered) ??
      organizations.value[0]
    if (!target) return false
    await selectOrganization(target.id)
    return true
  }

  /** Re-reads the list of organisations (after creating, joining or leaving one). */
  async function refreshOrganizations(): Promise<void> {
    organizations.value = (await listOrganizations()).data
  }

  /** Stores a user returned by the API (after a profile change). */
  function setUser(next: User): void {
    user.value = next
  }

  /** Stores the current organisation returned by the API (after a settings change). */
  function setCurrentOrganization(next: Organization): void {
    currentOrganization.value = next
    const summary = organizations.value.find(
      (organization) => String(organization.id) === String(next.id)
    )
    if (summary) summary.name = next.name
  }

  /** Forgets the current organisation (after leaving it). */
  function clearCurrentOrganization(): void {
    currentOrganization.value = null
    role.value = null
    rememberOrganization(null)
  }

  return {
    user,
    organizations,
    currentOrganization,
    role,
    loaded,
    isAuthenticated,
    currentOrgId,
    isAdmin,
    isOwner,
    can,
    load,
    signIn,
    signUp,
    signOut,
    selectOrganization,
    restoreOrganization,
    refreshOrganizations,
    setUser,
    setCurrentOrganization,
    clearCurrentOrganization,
    reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePlatformSession, import.meta.hot))

import {
  ApiError,
  dismissOnboarding,
  getOnboarding,
  loadSampleData,
  removeSampleData,
  useJobsStore,
  listMembers,
  listModules,
  resendEmailVerification,
  usePlatformSession,
  type ModuleCatalogueEntry,
  type OnboardingChecklist,
} from '@ia/sdk'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import DisabledModulePanel from '../src/components/DisabledModulePanel.vue'
import ResendVerificationButton from '../src/components/ResendVerificationButton.vue'
import OnboardingChecklistCard from '../src/components/OnboardingChecklist.vue'
import { disabledModuleAt } from '../src/modules/disabled-module'
import { createMemoryHistory, createRouter } from 'vue-router'
import { Blank, mountInShell, organization, plain, spyNotifier } from './helpers'

vi.mock('@ia/sdk', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@ia/sdk')>()),
  getOnboarding: vi.fn(),
  dismissOnboarding: vi.fn(),
  loadSampleData: vi.fn(),
  removeSampleData: vi.fn(),
  listMembers: vi.fn(),
  listModules: vi.fn(),
  resendEmailVerification: vi.fn(),
}))
const get = vi.mocked(getOnboarding)
const dismiss = vi.mocked(dismissOnboarding)
const members = vi.mocked(listMembers)
vi.mocked(listModules)

const STEPS = [
  'confirm_email',
  'legal_details',
  'enable_module',
  'import_contacts',
  'invite_colleague',
] as const
const checklist = (
  done: string[],
  dismissed = false,
  sampleData = { available: false, loaded: false }
): OnboardingChecklist => ({
  steps: STEPS.map((id) => ({ id, done: done.includes(id) })),
  complete: done.length === STEPS.length,
  dismissed,
  sampleData,
})
const contacts: ModuleCatalogueEntry = {
  id: 'contacts',
  version: '0.1.0',
  name: { fr: 'Contacts', en: 'Contacts' },
  description: { fr: '', en: '' },
  category: 'crm',
  depends: [],
  dependants: [],
  enabled: false,
  enabledAt: null,
  routeBase: '/contacts',
  vendor: null,
}

let wrapper: VueWrapper | undefined

/** The shell's named pages the checklist and the panel link to. */
const shellRouter = () =>
  createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Blank },
      { path: '/settings/organization', name: 'organization-settings', component: Blank },
      { path: '/settings/modules', name: 'modules', component: Blank },
      { path: '/settings/members', name: 'members', component: Blank },
      { path: '/:any(.*)*', component: Blank },
    ],
  })

function signedInAs(role: 'owner' | 'admin' | 'member') {
  const pinia = createPinia()
  setActivePinia(pinia)
  const session = usePlatformSession()
  session.currentOrganization = organization(10, 'Kivu Trading')
  session.role = role
  return pinia
}

let notifier: ReturnType<typeof spyNotifier>
beforeEach(() => {
  notifier = spyNotifier()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  vi.clearAllMocks()
})

describe('OnboardingChecklist', () => {
  it('lists the five steps with the count done, and links each open step to where it is done', async () => {
    get.mockResolvedValue({ onboarding: checklist(['confirm_email', 'enable_module']) })
    wrapper = (
      await mountInShell(OnboardingChecklistCard, {
        pinia: signedInAs('owner'),
        props: { contactsEnabled: true },
        router: shellRouter(),
      })
    ).wrapper
    await flushPromises()
    expect(get).toHaveBeenCalledWith('10')
    expect(plain(wrapper.get('.onboarding__count').text())).toBe('2 sur 5')
    const done = wrapper.findAll('[data-done="true"]').map((step) => step.attributes('data-step'))
    expect(done).toEqual(['confirm_email', 'enable_module'])
    const links = wrapper.findAll('[data-done="false"] a').map((link) => link.attributes('href'))
    expect(links).toEqual(['/settings/organization', '/contacts', '/settings/members'])
    expect(wrapper.text()).not.toContain('Masquer cette liste')
  })

  it('offers to resend the confirmation link while the address is not confirmed', async () => {
    get.mockResolvedValue({ onboarding: checklist([]) })
    wrapper = (
      await mountInShell(OnboardingChecklistCard, {
        pinia: signedInAs('admin'),
        props: { contactsEnabled: false },
        locale: 'en',
        router: shellRouter(),
      })
    ).wrapper
    await flushPromises()
    const confirm = wrapper.get('[data-step="confirm_email"]')
    expect(confirm.find('button').text()).toBe('Send the link again')
    expect(wrapper.get('[data-step="import_contacts"] a').text()).toBe('Import')
    // Contacts is not enabled yet: importing starts in the catalogue.
    expect(wrapper.get('[data-step="import_contacts"] a').attributes('href')).toBe(
      '/settings/modules'
    )
  })

  it('once complete, can be put away and disappears', async () => {
    get.mockResolvedValue({ onboarding: checklist([...STEPS]) })
    dismiss.mockResolvedValue({ onboarding: checklist([...STEPS], true) })
    wrapper = (
      await mountInShell(OnboardingChecklistCard, {
        pinia: signedInAs('owner'),
        props: { contactsEnabled: true },
        router: shellRouter(),
      })
    ).wrapper
    await flushPromises()
    expect(wrapper.text()).toContain('Tout est prêt')
    const button = wrapper
      .findAll('button')
      .find((candidate) => candidate.text() === 'Masquer cette liste')!
    await button.trigger('click')
    await flushPromises()
    expect(dismiss).toHaveBeenCalledWith('10')
    expect(wrapper.find('[data-testid="onboarding"]').exists()).toBe(false)
  })

  it('shows nothing to a member, nor once dismissed, and survives a failed load', async () => {
    wrapper = (
      await mountInShell(OnboardingChecklistCard, {
        pinia: signedInAs('member'),
        props: { contactsEnabled: true },
        router: shellRouter(),
      })
    ).wrapper
    await flushPromises()
    expect(get).not.toHaveBeenCalled()
    expect(wrapper.find('[data-testid="onboarding"]').exists()).toBe(false)
    wrapper.unmount()

    get.mockResolvedValue({ onboarding: checklist([...STEPS], true) })
    wrapper = (
      await mountInShell(OnboardingChecklistCard, {
        pinia: signedInAs('owner'),
        props: { contactsEnabled: true },
        router: shellRouter(),
      })
    ).wrapper
    await flushPromises()
    expect(wrapper.find('[data-testid="onboarding"]').exists()).toBe(false)
    wrapper.unmount()

    get.mockRejectedValue(new ApiError(500, [{ code: 'E_INTERNAL', message: 'boom' }]))
    wrapper = (
      await mountInShell(OnboardingChecklistCard, {
        pinia: signedInAs('owner'),
        props: { contactsEnabled: true },
        router: shellRouter(),
      })
    ).wrapper
    await flushPromises()
    expect(wrapper.find('[data-testid="onboarding"]').exists()).toBe(false)
  })
})

describe('OnboardingChecklist sample data', () => {
  const job = (jobId: string, status: 'running' | 'completed', percent: number) => ({
    jobId,
    organizationId: '10',
    name: 'platform.sample_data.load',
    label: { fr: '', en: '' },
    status,
    percent,
    message:
      status === 'running'
        ? { fr: 'Modules remplis : 0 sur 1', en: 'Modules filled: 0 of 1' }
        : null,
  })

  it('offers sample data once a module has some, follows its job, then offers to remove it', async () => {
    get.mockResolvedValue({
      onboarding: checklist(['enable_module'], false, { available: true, loaded: false }),
    })
    vi.mocked(loadSampleData).mockResolvedValue({ jobId: 'job-7' })
    wrapper = (
      await mountInShell(OnboardingChecklistCard, {
        pinia: signedInAs('owner'),
        props: { contactsEnabled: true },
        router: shellRouter(),
      })
    ).wrapper
    await flushPromises()
    const offer = wrapper.get('[data-testid="sample-data"]')
    expect(offer.text()).toContain('Essayer avec des données d’exemple')
    await offer.get('button').trigger('click')
    await flushPromises()
    expect(loadSampleData).toHaveBeenCalledWith('10')
    useJobsStore().apply(job('job-7', 'running', 40))
    await flushPromises()
    expect(
      wrapper.get('[data-testid="sample-data"] [role="progressbar"]').attributes('aria-valuenow')
    ).toBe('40')
    expect(wrapper.text()).toContain('Modules remplis : 0 sur 1')

    get.mockResolvedValue({
      onboarding: checklist(['enable_module'], false, { available: true, loaded: true }),
    })
    useJobsStore().apply(job('job-7', 'completed', 100))
    await flushPromises()
    expect(notifier.success).toHaveBeenCalledWith('Les données d’exemple sont chargées.')
    expect(wrapper.get('[data-testid="sample-data"] button').text()).toBe('Retirer les exemples')
  })

  it('keeps the removal within reach after the list is put away, and hides the offer when no module has samples', async () => {
    get.mockResolvedValue({
      onboarding: checklist([...STEPS], true, { available: true, loaded: true }),
    })
    vi.mocked(removeSampleData).mockResolvedValue({ jobId: 'job-8' })
    wrapper = (
      await mountInShell(OnboardingChecklistCard, {
        pinia: signedInAs('owner'),
        props: { contactsEnabled: true },
        locale: 'en',
        router: shellRouter(),
      })
    ).wrapper
    await flushPromises()
    expect(wrapper.findAll('[data-step]')).toHaveLength(0)
    await wrapper.get('[data-testid="sample-data"] button').trigger('click')
    await flushPromises()
    expect(removeSampleData).toHaveBeenCalledWith('10')
    wrapper.unmount()

    get.mockResolvedValue({ onboarding: checklist([]) })
    wrapper = (
      await mountInShell(OnboardingChecklistCard, {
        pinia: signedInAs('owner'),
        props: { contactsEnabled: false },
        router: shellRouter(),
      })
    ).wrapper
    await flushPromises()
    expect(wrapper.find('[data-testid="sample-data"]').exists()).toBe(false)
  })
})

describe('ResendVerificationButton', () => {
  it('sends a new confirmation link and says so; a refusal (rate limit) is shown as an error', async () => {
    const resend = vi.mocked(resendEmailVerification)
    resend.mockResolvedValueOnce(undefined)
    wrapper = (await mountInShell(ResendVerificationButton, { pinia: signedInAs('owner') })).wrapper
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(resend).toHaveBeenCalledTimes(1)
    expect(notifier.success).toHaveBeenCalledWith(
      'Un nouveau lien de confirmation vous a été envoyé.'
    )

    const limited = new ApiError(429, [
      { code: 'E_TOO_MANY_REQUESTS', message: 'Trop de demandes.' },
    ])
    resend.mockRejectedValueOnce(limited)
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(notifier.error).toHaveBeenCalledTimes(1)
    expect(notifier.success).toHaveBeenCalledTimes(1)
  })
})

describe('a bookmark of a disabled module', () => {
  it('is recognised under the module route base only', () => {
    expect(disabledModuleAt('/contacts', [contacts])?.id).toBe('contacts')
    expect(disabledModuleAt('/contacts/42', [contacts])?.id).toBe('contacts')
    expect(disabledModuleAt('/contactsx', [contacts])).toBeNull()
    expect(disabledModuleAt('/contacts', [{ ...contacts, enabled: true }])).toBeNull()
    expect(disabledModuleAt('/ailleurs', [contacts])).toBeNull()
  })

  it('tells a member the module is disabled and names the admins who can enable it', async () => {
    members.mockResolvedValue({
      data: [
        {
          id: '1',
          userId: '1',
          fullName: 'Amani Kabila',
          email: 'a@example.cd',
          role: 'owner',
          joinedAt: '',
        },
        {
          id: '2',
          userId: '2',
          fullName: 'Bea Mwamba',
          email: 'b@example.cd',
          role: 'admin',
          joinedAt: '',
        },
        {
          id: '3',
          userId: '3',
          fullName: 'Chris Ilunga',
          email: 'c@example.cd',
          role: 'member',
          joinedAt: '',
        },
      ],
    })
    wrapper = (
      await mountInShell(DisabledModulePanel, {
        pinia: signedInAs('member'),
        props: { module: contacts },
        router: shellRouter(),
      })
    ).wrapper
    await flushPromises()
    expect(plain(wrapper.text())).toContain('Le module Contacts est désactivé')
    expect(plain(wrapper.get('[data-testid="disabled-module-admins"]').text())).toBe(
      'Seuls les administrateurs de l’organisation peuvent le réactiver : Amani Kabila, Bea Mwamba.'
    )
    expect(wrapper.text()).not.toContain('Ouvrir le catalogue')
  })

  it('offers an admin the catalogue, in English', async () => {
    wrapper = (
      await mountInShell(DisabledModulePanel, {
        pinia: signedInAs('admin'),
        props: { module: contacts },
        locale: 'en',
        router: shellRouter(),
      })
    ).wrapper
    await flushPromises()
    expect(members).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain('The Contacts module is disabled')
    expect(wrapper.get('a').text()).toBe('Open the catalogue')
  })
})

import { ApiError, deleteAccount, getAccountDeletionPlan } from '@ia/sdk'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import DeleteAccountCard from '../src/components/DeleteAccountCard.vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { Blank, mountInShell, plain, spyNotifier } from './helpers'

vi.mock('@ia/sdk', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@ia/sdk')>()),
  getAccountDeletionPlan: vi.fn(),
  deleteAccount: vi.fn(),
}))
const confirmAnswer = vi.fn<() => boolean>()
vi.mock('@ia/ui', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@ia/ui')>()),
  useConfirm: () => async () => confirmAnswer(),
}))
const plan = vi.mocked(getAccountDeletionPlan)
const remove = vi.mocked(deleteAccount)

let wrapper: VueWrapper | undefined

async function mountCard() {
  const notifier = spyNotifier()
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Blank },
      { path: '/sign-in', name: 'sign-in', component: Blank },
    ],
  })
  const mounted = await mountInShell(DeleteAccountCard, { router })
  wrapper = mounted.wrapper
  await flushPromises()
  return { notifier, router: mounted.router }
}

async function submitWith(password: string) {
  await wrapper!.get('input[type="password"]').setValue(password)
  await wrapper!.get('form').trigger('submit')
  await flushPromises()
}

describe('DeleteAccountCard', () => {
  beforeEach(() => {
    plan.mockReset()
    remove.mockReset().mockResolvedValue(undefined)
    confirmAnswer.mockReset().mockReturnValue(true)
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  it('says which organisations go with the account and which stay, then deletes after confirmation and goes to sign-in', async () => {
    plan.mockResolvedValue({
      blocking: [],
      deleted: [{ id: 'a', name: 'Seul SARL' }],
      left: [{ id: 'b', name: 'Équipe SA' }],
    })
    const { notifier, router } = await mountCard()
    const text = plain(wrapper!.text())
    expect(text).toContain(
      'Supprimées avec toutes leurs données, car vous en êtes le seul membre : Seul SARL.'
    )
    expect(text).toContain('Vous quitterez : Équipe SA. Leurs données restent.')

    await submitWith('motdepasse-solide')
    expect(remove).toHaveBeenCalledWith({ currentPassword: 'motdepasse-solide' })
    expect(notifier.success).toHaveBeenCalledWith('Votre compte a été supprimé.')
    expect(router.currentRoute.value.name).toBe('sign-in')
  })

  it('does nothing when the confirmation is refused', async () => {
    plan.mockResolvedValue({ blocking: [], deleted: [], left: [] })
    confirmAnswer.mockReturnValue(false)
    await mountCard()
    await submitWith('motdepasse-solide')
    expect(remove).not.toHaveBeenCalled()
  })

  it('offers no form while the user owns an organisation with other members', async () => {
    plan.mockResolvedValue({
      blocking: [{ id: 'c', name: 'Partagée SARL' }],
      deleted: [],
      left: [],
    })
    await mountCard()
    expect(plain(wrapper!.text())).toContain('Transférez-en la propriété (Membres)')
    expect(wrapper!.find('form').exists()).toBe(false)
  })

  it('shows a wrong password under its field', async () => {
    plan.mockResolvedValue({ blocking: [], deleted: [], left: [] })
    remove.mockRejectedValue(
      new ApiError(422, [
        {
          code: 'E_WRONG_PASSWORD',
          message: 'Le mot de passe actuel est incorrect.',
          field: 'currentPassword',
        },
      ])
    )
    await mountCard()
    await submitWith('pas-le-bon')
    expect(wrapper!.text()).toContain('Le mot de passe actuel est incorrect.')
  })
})

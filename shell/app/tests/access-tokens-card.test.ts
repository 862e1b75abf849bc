import {
  ApiError,
  createAccessToken,
  listAccessTokens,
  revokeAccessToken,
  type AccessToken,
} from '@ia/sdk'
import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import AccessTokensCard from '../src/components/AccessTokensCard.vue'
import { i18n } from '../src/i18n'
import { mountInShell, plain, spyNotifier } from './helpers'

vi.mock('@ia/sdk', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@ia/sdk')>()),
  listAccessTokens: vi.fn(),
  createAccessToken: vi.fn(),
  revokeAccessToken: vi.fn(),
}))
const list = vi.mocked(listAccessTokens)
const create = vi.mocked(createAccessToken)
const revoke = vi.mocked(revokeAccessToken)

const SECRET = 'oat_MTI.c2VjcmV0LXZhbHVlLXNob3duLW9uY2U'
const existing: AccessToken[] = [
  {
    id: '1',
    name: 'Script de sauvegarde',
    createdAt: '2025-03-01T08:00:00Z',
    lastUsedAt: '2025-03-05T09:30:00Z',
    expiresAt: null,
  },
  {
    id: '2',
    name: 'Ancien export',
    createdAt: '2024-01-01T08:00:00Z',
    lastUsedAt: null,
    expiresAt: '2024-04-01T08:00:00Z',
  },
]
const accounting: AccessToken = {
  id: '3',
  name: 'Comptabilité',
  createdAt: new Date().toISOString(),
  lastUsedAt: null,
  expiresAt: new Date(Date.now() + 90 * 86400_000).toISOString(),
}

let wrapper: VueWrapper | undefined
const body = () => document.body
const rows = () => wrapper!.findAll('tbody tr')
const buttonNamed = (root: { findAll: VueWrapper['findAll'] } | VueWrapper, name: string) =>
  (root.findAll('button') as DOMWrapper<HTMLButtonElement>[]).find(
    (button) => button.text() === name
  )

async function mountCard() {
  const notifier = spyNotifier()
  const mounted = await mountInShell(AccessTokensCard)
  wrapper = mounted.wrapper
  await flushPromises()
  // The kit loads its select's code on first render.
  await vi.dynamicImportSettled()
  await flushPromises()
  return { notifier }
}

/** Picks a lifetime as a user does: opens the list from the keyboard and clicks the option. */
async function chooseLifetime(lifetime: string) {
  await wrapper!.get('form button[role="combobox"]').trigger('keydown', { key: 'Enter' })
  await flushPromises()
  const label = i18n.global.t(`profile.tokens.lifetimes.${lifetime}`)
  const option = [...body().querySelectorAll<HTMLElement>('[role="option"]')].find(
    (item) => item.textContent?.trim() === label
  )
  option!.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }))
  await flushPromises()
}

async function createNamed(name: string, lifetime = '90') {
  await wrapper!.get('form input').setValue(name)
  await chooseLifetime(lifetime)
  await wrapper!.get('form').trigger('submit')
  await flushPromises()
}

/** The dialog is teleported to <body>; returns its buttons by label. */
function dialogButton(name: string): HTMLButtonElement | undefined {
  return [...body().querySelectorAll<HTMLButtonElement>('[role="dialog"] button')].find(
    (button) => button.textContent?.trim() === name
  )
}

describe('AccessTokensCard', () => {
  beforeEach(() => {
    list.mockReset().mockResolvedValue({ data: existing })
    create.mockReset()
    revoke.mockReset().mockResolvedValue(undefined)
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    body().innerHTML = ''
  })

  it('lists the tokens with their name, dates, and whether they expire or have expired', async () => {
    await mountCard()
    expect(wrapper!.text()).toContain('Jetons d’accès personnels')
    expect(rows()).toHaveLength(2)
    const [first, second] = rows().map((row) => row.findAll('td').map((cell) => cell.text()))
    expect(first![0]).toBe('Script de sauvegarde')
    expect(first![1]).toMatch(/2025/)
    expect(first![2]).toMatch(/5 mars 2025/)
    expect(first![3]).toBe('Sans expiration')
    expect(second![2]).toBe('Jamais utilisé')
    expect(second![3]).toBe('Expiré')
    expect(wrapper!.html()).not.toContain('oat_')
  })

  it('creates a token with a name and a lifetime, shows its secret once with a warning, then forgets it', async () => {
    const { notifier } = await mountCard()
    create.mockResolvedValue({ token: { id: '3', name: 'Comptabilité', value: SECRET } })
    list.mockResolvedValue({ data: [accounting, ...existing] })
    await createNamed('  Comptabilité ', '90')

    expect(create).toHaveBeenCalledWith({ name: 'Comptabilité', expiresInDays: 90 })
    const secret = wrapper!.get<HTMLInputElement>('input[readonly]')
    expect(secret.element.value).toBe(SECRET)
    expect(secret.attributes('aria-label')).toBe('Valeur secrète du jeton')
    const alert = wrapper!.get('.access-tokens__secret')
    expect(alert.attributes('role')).toBe('alert')
    expect(plain(alert.text())).toContain('Jeton « Comptabilité » créé : copiez-le maintenant')
    expect(plain(alert.text())).toContain('C’est la seule fois qu’il est affiché')
    expect(rows()).toHaveLength(3)
    expect(list).toHaveBeenCalledTimes(2)
    expect((wrapper!.get('form input').element as HTMLInputElement).value).toBe('')

    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    await buttonNamed(wrapper!, 'Copier')!.trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(SECRET)
    expect(notifier.success).toHaveBeenCalledWith('Jeton copié dans le presse-papiers.')
    expect(buttonNamed(wrapper!, 'Copié')).toBeDefined()
    Reflect.deleteProperty(navigator, 'clipboard')

    await buttonNamed(wrapper!, 'J’ai copié le jeton')!.trigger('click')
    expect(wrapper!.find('.access-tokens__secret').exists()).toBe(false)
    expect(body().innerHTML).not.toContain(SECRET)
  })

  it('creates a token that never expires without sending a lifetime', async () => {
    await mountCard()
    create.mockResolvedValue({ token: { id: '4', name: 'CI', value: SECRET } })
    await createNamed('CI', 'never')
    expect(create).toHaveBeenCalledWith({ name: 'CI', expiresInDays: undefined })
  })

  it('shows the backend’s message under the field it refuses, and no secret', async () => {
    await mountCard()
    create.mockRejectedValue(
      new ApiError(422, [
        { code: 'E_VALIDATION_ERROR', message: 'Le nom est obligatoire.', field: 'name' },
      ])
    )
    await createNamed('')
    expect(wrapper!.get('.ia-field__error').text()).toBe('Le nom est obligatoire.')
    expect(wrapper!.find('.access-tokens__secret').exists()).toBe(false)
  })

  it('revokes a token only once confirmed', async () => {
    const { notifier } = await mountCard()
    await buttonNamed(rows()[0]!, 'Révoquer')!.trigger('click')
    await flushPromises()
    expect(plain(body().querySelector('[role="dialog"]')?.textContent)).toContain(
      'Les logiciels qui utilisent « Script de sauvegarde » perdront l’accès immédiatement.'
    )
    dialogButton('Annuler')!.click()
    await flushPromises()
    expect(revoke).not.toHaveBeenCalled()
    expect(body().querySelector('[role="dialog"]')).toBeNull()
    expect(rows()).toHaveLength(2)

    await buttonNamed(rows()[0]!, 'Révoquer')!.trigger('click')
    await flushPromises()
    dialogButton('Révoquer le jeton')!.click()
    await flushPromises()
    expect(revoke).toHaveBeenCalledWith('1')
    expect(rows().map((row) => row.find('td').text())).toEqual(['Ancien export'])
    expect(plain(notifier.success.mock.calls[0]?.[0])).toBe(
      'Le jeton « Script de sauvegarde » est révoqué.'
    )
    expect(body().querySelector('[role="dialog"]')).toBeNull()
  })

  it('keeps the token listed and says why when revoking fails', async () => {
    const { notifier } = await mountCard()
    revoke.mockRejectedValue(new ApiError(404, [{ code: 'E_NOT_FOUND', message: 'Introuvable.' }]))
    await buttonNamed(rows()[1]!, 'Révoquer')!.trigger('click')
    await flushPromises()
    dialogButton('Révoquer le jeton')!.click()
    await flushPromises()
    expect(notifier.error).toHaveBeenCalledWith('Introuvable.')
    expect(rows()).toHaveLength(2)
  })

  it('speaks English too', async () => {
    spyNotifier()
    const mounted = await mountInShell(AccessTokensCard, { locale: 'en' })
    wrapper = mounted.wrapper
    await flushPromises()
    expect(wrapper.text()).toContain('Personal access tokens')
    expect(wrapper.text()).toContain('Never used')
    expect(buttonNamed(wrapper, 'Create the token')).toBeDefined()
  })
})

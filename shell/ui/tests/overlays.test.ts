import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import UiCommandPalette from '../src/components/UiCommandPalette.vue'
import UiConfirmDialog from '../src/components/UiConfirmDialog.vue'
import UiModal from '../src/components/UiModal.vue'
import UiRemoteAutocomplete from '../src/components/UiRemoteAutocomplete.vue'
import UiSelect from '../src/components/UiSelect.vue'
import UiTabs from '../src/components/UiTabs.vue'
import { useConfirm } from '../src/composables/useConfirm'
import type { AutocompleteOption, CommandItem } from '../src/types'
import { testI18n } from './helpers'

const global = { plugins: [testI18n('fr')] }

afterEach(() => {
  document.body.innerHTML = ''
  vi.useRealTimers()
})

describe('UiModal', () => {
  it('names the dialog by its title, and closes on Escape unless it may not be dismissed', async () => {
    const wrapper = mount(UiModal, {
      props: { open: true, title: 'Inviter un membre' },
      slots: { default: '<input aria-label="E-mail" />' },
      global,
      attachTo: document.body,
    })
    await flushPromises()
    const dialog = document.querySelector('[role="dialog"]')!
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe(
      'Inviter un membre'
    )
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    expect(wrapper.emitted('update:open')).toEqual([[false]])
    expect(wrapper.emitted('close')).toHaveLength(1)
    wrapper.unmount()

    const locked = mount(UiModal, {
      props: { open: true, title: 'Import en cours', dismissible: false },
      global,
      attachTo: document.body,
    })
    await flushPromises()
    document
      .querySelector('[role="dialog"]')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    expect(locked.emitted('update:open')).toBeUndefined()
    locked.unmount()
  })
})

describe('UiTabs', () => {
  it('marks the chosen tab, links it to its panel and ignores disabled tabs', async () => {
    const wrapper = mount(UiTabs, {
      props: {
        modelValue: 'members',
        tabs: [
          { key: 'members', label: 'Membres' },
          { key: 'archived', label: 'Archivés', disabled: true },
          { key: 'invitations', label: 'Invitations' },
        ],
      },
      slots: { default: '<p>panel</p>' },
      global,
      attachTo: document.body,
    })
    await flushPromises()
    const tabs = wrapper.findAll('[role="tab"]')
    expect(tabs.map((tab) => tab.attributes('aria-selected'))).toEqual(['true', 'false', 'false'])
    expect(tabs[0].attributes('aria-controls')).toBe(
      wrapper.get('[role="tabpanel"]').attributes('id')
    )
    await tabs[1].trigger('mousedown', { button: 0 })
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
    await tabs[2].trigger('mousedown', { button: 0 })
    expect(wrapper.emitted('update:modelValue')).toEqual([['invitations']])
    expect(wrapper.get('[role="tabpanel"]').text()).toBe('panel')
    wrapper.unmount()
  })
})

describe('UiSelect', () => {
  it('lists its options and gives back the chosen value, even an empty one', async () => {
    const wrapper = mount(UiSelect, {
      props: {
        modelValue: 'fr',
        options: [
          { value: '', label: 'Toutes' },
          { value: 'fr', label: 'Français' },
          { value: 'en', label: 'English' },
        ],
      },
      global,
      attachTo: document.body,
    })
    await flushPromises()
    expect(wrapper.get('button[role="combobox"]').text()).toContain('Français')
    await wrapper.get('button[role="combobox"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    const options = [...document.querySelectorAll<HTMLElement>('[role="option"]')]
    expect(options.map((option) => option.textContent?.trim())).toEqual([
      'Toutes',
      'Français',
      'English',
    ])
    options[0].dispatchEvent(new PointerEvent('pointerup', { bubbles: true }))
    await flushPromises()
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([''])
    wrapper.unmount()
  })
})

describe('UiConfirmDialog', () => {
  it('answers useConfirm with the button the user pressed', async () => {
    const wrapper = mount(UiConfirmDialog, { global, attachTo: document.body })
    const confirm = useConfirm()
    const revoked = confirm({
      title: 'Révoquer le jeton ?',
      message: 'Les scripts qui l’utilisent perdront l’accès.',
      confirmLabel: 'Révoquer',
      tone: 'danger',
    })
    await flushPromises()
    const dialog = document.querySelector('[role="alertdialog"]')!
    expect(dialog.textContent).toContain('Les scripts qui l’utilisent perdront l’accès.')
    const buttons = [...dialog.querySelectorAll('button')]
    buttons.find((button) => button.textContent?.trim() === 'Révoquer')!.click()
    expect(await revoked).toBe(true)

    const kept = confirm({ title: 'Supprimer ?' })
    await flushPromises()
    ;[...document.querySelectorAll('[role="alertdialog"] button')]
      .find((button) => button.textContent?.trim() === 'Annuler')!
      .dispatchEvent(new MouseEvent('click', { bubbles: true }))
    expect(await kept).toBe(false)
    wrapper.unmount()
  })
})

describe('UiRemoteAutocomplete', () => {
  it('asks the server once typing pauses, and picks a suggestion with the keyboard alone', async () => {
    vi.useFakeTimers()
    const search = vi.fn(async (query: string): Promise<AutocompleteOption[]> => [
      { value: 'c1', label: `Société ${query}`, description: 'Kinshasa' },
      { value: 'c2', label: 'Brasserie du Kivu', description: 'Goma' },
    ])
    const Host = defineComponent(() => {
      const chosen = ref<AutocompleteOption | null>(null)
      return () =>
        h('div', [
          h(UiRemoteAutocomplete, {
            search,
            'debounce': 250,
            'modelValue': chosen.value,
            'onUpdate:modelValue': (value: AutocompleteOption | null) => (chosen.value = value),
          }),
          h('output', chosen.value?.value ?? ''),
        ])
    })
    const wrapper = mount(Host, { global, attachTo: document.body })
    const input = wrapper.get('input')
    await input.setValue('Mi')
    await input.setValue('Min')
    await vi.advanceTimersByTimeAsync(100)
    expect(search).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(200)
    expect(search).toHaveBeenCalledTimes(1)
    expect(search.mock.calls[0][0]).toBe('Min')
    await flushPromises()
    expect(
      [...document.querySelectorAll('[role="option"]')].map((option) => option.textContent)
    ).toEqual(['Société MinKinshasa', 'Brasserie du KivuGoma'])
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(wrapper.get('output').text()).toBe('c2')
    wrapper.unmount()
  })
})

describe('UiCommandPalette', () => {
  const commands: CommandItem[] = [
    { id: 'home', label: 'Accueil', group: 'Pages', to: '/' },
    { id: 'contacts', label: 'Contacts', group: 'Pages', to: '/contacts', keywords: ['clients'] },
    { id: 'members', label: 'Membres', group: 'Pages', to: '/settings/members' },
  ]

  it('filters pages without accents, adds records from the search and opens one with Enter', async () => {
    vi.useFakeTimers()
    const search = vi.fn(async (query: string): Promise<CommandItem[]> => [
      { id: 'contact:1', label: `Société ${query}`, group: 'Contacts', to: '/contacts/1' },
    ])
    const wrapper = mount(UiCommandPalette, {
      props: { open: true, commands, search, debounce: 200 },
      global,
      attachTo: document.body,
    })
    await flushPromises()
    const input = document.querySelector<HTMLInputElement>('.ia-palette__input')!
    input.value = 'CLIENTS'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(
      [...document.querySelectorAll('[role="option"]')].map((option) => option.textContent?.trim())
    ).toEqual(['Contacts'])
    input.value = 'minière'
    input.dispatchEvent(new Event('input'))
    await vi.advanceTimersByTimeAsync(250)
    await flushPromises()
    expect(search).toHaveBeenCalledWith('minière', expect.any(AbortSignal))
    expect(
      [...document.querySelectorAll('[role="option"]')].map((option) => option.textContent?.trim())
    ).toEqual(['Société minière'])
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await flushPromises()
    expect(wrapper.emitted('select')?.[0][0]).toMatchObject({ id: 'contact:1', to: '/contacts/1' })
    expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })
})

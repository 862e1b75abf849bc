import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import UiDropdownMenu from '../src/components/UiDropdownMenu.vue'
import UiFileDrop from '../src/components/UiFileDrop.vue'
import UiStatusChip from '../src/components/UiStatusChip.vue'
import UiTimeline from '../src/components/UiTimeline.vue'
import UiTooltip from '../src/components/UiTooltip.vue'
import type { UploadProgress } from '../src/types'
import { testI18n } from './helpers'

afterEach(() => {
  document.body.innerHTML = ''
})

function drop(wrapper: ReturnType<typeof mount>, files: File[]) {
  const event = new Event('drop', { bubbles: true, cancelable: true }) as Event & {
    dataTransfer: { files: File[] }
  }
  Object.defineProperty(event, 'dataTransfer', { value: { files } })
  wrapper.get('.ia-file-drop__zone').element.dispatchEvent(event)
}

describe('UiFileDrop', () => {
  it('draws each file’s bar from the upload’s own progress events and reports the result', async () => {
    let report: UploadProgress = () => {}
    let finish: (value: unknown) => void = () => {}
    const upload = (_file: File, onProgress: UploadProgress) => {
      report = onProgress
      return new Promise((resolve) => (finish = resolve))
    }
    const wrapper = mount(UiFileDrop, {
      props: { upload, accept: '.csv' },
      global: { plugins: [testI18n('fr')] },
    })
    drop(wrapper, [new File(['a;b\n1;2\n'], 'contacts.csv', { type: 'text/csv' })])
    await flushPromises()
    const bar = () => wrapper.get('[role="progressbar"]')
    expect(bar().attributes('aria-valuenow')).toBe('0')
    expect(bar().attributes('aria-label')).toBe('Envoi de contacts.csv')
    report(300, 1000)
    await flushPromises()
    expect(bar().attributes('aria-valuenow')).toBe('30')
    expect(bar().attributes('aria-valuetext')).toBe('30\u00a0%')
    finish({ id: 'import-1' })
    await flushPromises()
    expect(bar().attributes('aria-valuenow')).toBe('100')
    expect(wrapper.text()).toContain('Envoyé')
    expect(wrapper.emitted('uploaded')?.[0][1]).toEqual({ id: 'import-1' })
  })

  it('refuses a file of another type or too large without sending it, and marks a failed upload', async () => {
    const sent: string[] = []
    const upload = async (file: File) => {
      sent.push(file.name)
      throw new Error('413')
    }
    const wrapper = mount(UiFileDrop, {
      props: { upload, accept: 'image/*', maxBytes: 4, multiple: true },
      global: { plugins: [testI18n('en')] },
    })
    drop(wrapper, [
      new File(['x'], 'notes.txt', { type: 'text/plain' }),
      new File(['123456'], 'big.png', { type: 'image/png' }),
      new File(['1'], 'logo.png', { type: 'image/png' }),
    ])
    await flushPromises()
    expect(sent).toEqual(['logo.png'])
    expect(wrapper.findAll('[role="alert"]').map((alert) => alert.text())).toEqual([
      'notes.txt is not an accepted type.',
      'big.png is larger than the maximum size (4 byte).',
    ])
    expect(wrapper.text()).toContain('Upload failed')
    expect(wrapper.emitted('failed')).toHaveLength(1)
  })
})

describe('UiStatusChip and UiTimeline', () => {
  it('shows a status with its tone, and events with their dates in the user’s language', () => {
    const chip = mount(UiStatusChip, { props: { label: 'En retard', tone: 'danger' } })
    expect(chip.classes()).toContain('ia-status-chip--danger')
    expect(chip.text()).toBe('En retard')
    const timeline = mount(UiTimeline, {
      props: {
        items: [{ id: '1', title: 'Facture émise', at: '2026-03-07T09:30:00Z', tone: 'success' }],
      },
      global: { plugins: [testI18n('fr')] },
    })
    expect(timeline.get('ol').attributes('aria-label')).toBe('Historique')
    expect(timeline.get('time').attributes('datetime')).toBe('2026-03-07T09:30:00Z')
    expect(timeline.get('time').text()).toMatch(/7 mars 2026/)
  })
})

describe('UiDropdownMenu', () => {
  it('opens from its named button and emits the chosen action', async () => {
    const wrapper = mount(UiDropdownMenu, {
      props: {
        items: [
          { key: 'edit', label: 'Modifier' },
          { key: 'archive', label: 'Archiver', tone: 'danger', separatorBefore: true },
        ],
      },
      global: { plugins: [testI18n('fr')] },
      attachTo: document.body,
    })
    const trigger = wrapper.get('button')
    expect(trigger.attributes('aria-label')).toBe('Plus d’actions')
    expect(trigger.attributes('aria-haspopup')).toBe('menu')
    await trigger.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    const items = [...document.querySelectorAll<HTMLElement>('[role="menuitem"]')]
    expect(items.map((item) => item.textContent?.trim())).toEqual(['Modifier', 'Archiver'])
    items[1].click()
    await flushPromises()
    expect(wrapper.emitted('select')).toEqual([['archive']])
    wrapper.unmount()
  })
})

describe('UiTooltip', () => {
  it('shows its text when the element it explains gets keyboard focus, and hides it on Escape', async () => {
    const wrapper = mount(UiTooltip, {
      props: { text: 'Montant hors taxes' },
      slots: { default: '<button type="button">HT</button>' },
      attachTo: document.body,
    })
    const trigger = wrapper.get('button')
    await trigger.trigger('focus')
    await flushPromises()
    expect(document.querySelector('[role="tooltip"]')?.textContent).toContain('Montant hors taxes')
    expect(trigger.attributes('data-state')).toMatch(/open/)
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    expect(trigger.attributes('data-state')).toBe('closed')
    wrapper.unmount()
  })
})

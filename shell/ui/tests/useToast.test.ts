import { mount } from '@vue/test-utils'
import { ToastRoot } from 'reka-ui'
import { afterEach, describe, expect, it, vi } from 'vitest'
import UiToastContainer from '../src/components/UiToastContainer.vue'
import { useToast } from '../src/composables/useToast'
import { testI18n } from './helpers'

describe('useToast', () => {
  afterEach(() => {
    useToast().clear()
    vi.useRealTimers()
  })

  it("renders toasts as items of the container's list, errors read out as alerts, and removes them after their timeout", async () => {
    vi.useFakeTimers()
    const wrapper = mount(UiToastContainer, { global: { plugins: [testI18n()] } })
    const toast = useToast()
    toast.success('Organisation enregistrée')
    toast.error('Échec', { timeout: 0 })
    await wrapper.vm.$nextTick()
    expect(wrapper.findAll('.ia-toast')).toHaveLength(2)
    // Items of the toasts' list (no role of their own), errors read out assertively by Reka's live region.
    expect(
      wrapper.findAll('.ia-toast').map((item) => [item.element.tagName, item.attributes('role')])
    ).toEqual([
      ['LI', undefined],
      ['LI', undefined],
    ])
    expect(wrapper.findAllComponents(ToastRoot).map((root) => root.props('type'))).toEqual([
      'background',
      'foreground',
    ])
    vi.advanceTimersByTime(5000)
    await wrapper.vm.$nextTick()
    expect(toast.toasts.map((item) => item.message)).toEqual(['Échec'])
  })
})

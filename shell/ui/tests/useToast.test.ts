import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import UiToastContainer from '../src/components/UiToastContainer.vue'
import { useToast } from '../src/composables/useToast'
import { testI18n } from './helpers'

describe('useToast', () => {
  afterEach(() => {
    useToast().clear()
    vi.useRealTimers()
  })

  it('renders toasts in the container, errors as alerts, and removes them after their timeout', async () => {
    vi.useFakeTimers()
    const wrapper = mount(UiToastContainer, { global: { plugins: [testI18n()] } })
    const toast = useToast()
    toast.success('Organisation enregistrée')
    toast.error('Échec', { timeout: 0 })
    await wrapper.vm.$nextTick()
    expect(wrapper.findAll('.ia-toast')).toHaveLength(2)
    expect(wrapper.get('.ia-toast--danger').attributes('role')).toBe('alert')
    vi.advanceTimersByTime(5000)
    await wrapper.vm.$nextTick()
    expect(toast.toasts.map((item) => item.message)).toEqual(['Échec'])
  })
})

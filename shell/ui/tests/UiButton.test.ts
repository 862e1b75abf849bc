import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import UiButton from '../src/components/UiButton.vue'
import { testI18n } from './helpers'

describe('UiButton', () => {
  it('is disabled and busy while loading, and does not emit clicks', async () => {
    const wrapper = mount(UiButton, {
      props: { loading: true },
      slots: { default: 'Enregistrer' },
      global: { plugins: [testI18n()] },
    })
    const button = wrapper.get('button')
    expect(button.attributes('disabled')).toBeDefined()
    expect(button.attributes('aria-busy')).toBe('true')
    expect(wrapper.text()).toContain('Chargement…')
    await button.trigger('click')
    expect(wrapper.emitted('click')).toBeUndefined()
  })

  it('defaults to a primary button that does not submit forms', () => {
    const wrapper = mount(UiButton, { slots: { default: 'OK' }, global: { plugins: [testI18n()] } })
    expect(wrapper.get('button').attributes('type')).toBe('button')
    expect(wrapper.classes()).toContain('ia-button--primary')
  })
})

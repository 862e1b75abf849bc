import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { UiCountryPicker, UiCurrencyPicker } from '../src/components/code-pickers'
import { testI18n } from './helpers'

afterEach(() => {
  document.body.innerHTML = ''
})

/** A picker inside a host that shows the chosen code in an <output>. */
function hosted(picker: typeof UiCountryPicker, props: Record<string, unknown>, initial = '') {
  return defineComponent(() => {
    const chosen = ref(initial)
    return () =>
      h('div', [
        h(picker, {
          ...props,
          'modelValue': chosen.value,
          'onUpdate:modelValue': (code: string) => (chosen.value = code),
        }),
        h('output', chosen.value),
      ])
  })
}

const optionTexts = () =>
  [...document.querySelectorAll('[role="option"]')].map((option) => option.textContent)

describe('UiCountryPicker', () => {
  it('"congo" offers both Congos by name, the organisation\'s first, never Colombia; the keyboard picks one', async () => {
    const wrapper = mount(hosted(UiCountryPicker, { preferred: ['CD'], noneLabel: '—' }, 'CD'), {
      global: { plugins: [testI18n('fr')] },
      attachTo: document.body,
    })
    const input = wrapper.get('input')
    expect(input.attributes('placeholder')).toBe('Congo-Kinshasa')
    await input.setValue('congo')
    await flushPromises()
    expect(optionTexts()).toEqual(['Congo-KinshasaCD', 'Congo-BrazzavilleCG'])
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(wrapper.get('output').text()).toBe('CG')
    wrapper.unmount()
  })

  it('finds a country without its accents, by name in English too', async () => {
    const wrapper = mount(hosted(UiCountryPicker, { preferred: ['CD'] }), {
      global: { plugins: [testI18n('en')] },
      attachTo: document.body,
    })
    await wrapper.get('input').setValue('cote')
    await flushPromises()
    expect(optionTexts()).toEqual(['Côte d’IvoireCI'])
    wrapper.unmount()
  })
})

describe('UiCurrencyPicker', () => {
  it("lists the organisation's currencies first, then every ISO currency", async () => {
    const wrapper = mount(
      hosted(UiCurrencyPicker, {
        preferred: ['CDF', 'USD'],
        noneLabel: 'Devise de l’organisation',
      }),
      {
        global: { plugins: [testI18n('fr')] },
        attachTo: document.body,
      }
    )
    await wrapper.get('input').trigger('keydown', { key: 'ArrowDown' })
    await flushPromises()
    const texts = optionTexts()
    expect(texts.slice(0, 3)).toEqual([
      'Devise de l’organisation',
      'franc congolaisCDF',
      'dollar des États-UnisUSD',
    ])
    expect(texts.length).toBeGreaterThan(100)
    wrapper.unmount()
  })
})

import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import UiMoneyInput from '../src/components/UiMoneyInput.vue'
import UiMoneyText from '../src/components/UiMoneyText.vue'
import { testI18n } from './helpers'

function mountInput(
  props: { currency: string } & Record<string, unknown>,
  locale: 'fr' | 'en' = 'fr'
) {
  return mount(UiMoneyInput, {
    props: { modelValue: null, ...props },
    global: { plugins: [testI18n(locale)] },
  })
}

const emitted = (wrapper: ReturnType<typeof mountInput>) =>
  wrapper.emitted('update:modelValue')?.map(([value]) => value)

describe('UiMoneyInput', () => {
  it('gives back minor units as a digit string for an amount typed in French', async () => {
    const wrapper = mountInput({ currency: 'CDF' })
    await wrapper.get('input').setValue('1 234 567,50')
    expect(emitted(wrapper)).toEqual(['123456750'])
    expect(wrapper.text()).toContain('FC')
  })

  it('gives back a bigint for an amount typed in English, exact at 10^15 minor units', async () => {
    const wrapper = mountInput({ currency: 'USD', as: 'bigint' }, 'en')
    await wrapper.get('input').setValue('10,000,000,000,000.00')
    expect(emitted(wrapper)).toEqual([1_000_000_000_000_000n])
    await wrapper.get('input').setValue('$1,234,567.50')
    expect(emitted(wrapper)?.at(-1)).toBe(123456750n)
  })

  it('shows the amount it is given the locale’s way, and keeps the incoming type', async () => {
    const wrapper = mountInput({ currency: 'USD', modelValue: 999_999_999_999_999n }, 'en')
    expect(wrapper.get('input').element.value).toBe('9,999,999,999,999.99')
    await wrapper.get('input').setValue('12.5')
    expect(emitted(wrapper)).toEqual([1250n])
  })

  it('refuses letters and says why in French', async () => {
    const wrapper = mountInput({ currency: 'USD' })
    await wrapper.get('input').setValue('12abc')
    expect(emitted(wrapper)).toBeUndefined()
    expect(wrapper.get('[role="alert"]').text()).toBe(
      'Saisissez seulement des chiffres, par exemple 1 234,50.'
    )
    expect(wrapper.get('input').attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('input').attributes('aria-describedby')).toContain(
      wrapper.get('[role="alert"]').attributes('id')
    )
    expect(wrapper.emitted('validity')?.at(-1)).toEqual([
      'Saisissez seulement des chiffres, par exemple 1 234,50.',
    ])
  })

  it('refuses a third decimal in USD and any decimal in XAF, in English', async () => {
    const usd = mountInput({ currency: 'USD' }, 'en')
    await usd.get('input').setValue('10.999')
    expect(emitted(usd)).toBeUndefined()
    expect(usd.get('[role="alert"]').text()).toBe('USD has only 2 decimal place(s).')
    const xaf = mountInput({ currency: 'XAF' }, 'en')
    await xaf.get('input').setValue('1,500.5')
    expect(xaf.get('[role="alert"]').text()).toBe('XAF has no decimals: type a whole amount.')
    await xaf.get('input').setValue('1,500')
    expect(emitted(xaf)).toEqual(['1500'])
    expect(xaf.find('[role="alert"]').exists()).toBe(false)
  })

  it('reformats on leaving the box and empties to null', async () => {
    const wrapper = mountInput({ currency: 'CDF', modelValue: '100' })
    const input = wrapper.get('input')
    await input.setValue('2500,5')
    await input.trigger('blur')
    await wrapper.setProps({ modelValue: '250050' })
    expect(input.element.value).toBe('2\u202f500,50')
    await input.setValue('')
    expect(emitted(wrapper)?.at(-1)).toBeNull()
  })
})

describe('UiMoneyText', () => {
  it('writes the amount with its currency in French and English, XAF without decimals', () => {
    const text = (props: { value: bigint | string; currency: string }, locale: 'fr' | 'en') =>
      mount(UiMoneyText, { props, global: { plugins: [testI18n(locale)] } }).text()
    expect(text({ value: 123456750n, currency: 'CDF' }, 'fr')).toBe(
      '1\u202f234\u202f567,50\u00a0FC'
    )
    expect(text({ value: '123456750', currency: 'USD' }, 'en')).toBe('$1,234,567.50')
    expect(text({ value: '150000', currency: 'XAF' }, 'fr')).toBe('150\u202f000\u00a0FCFA')
  })
})

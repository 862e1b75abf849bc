import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import UiDateInput from '../src/components/UiDateInput.vue'
import UiDateRangeInput from '../src/components/UiDateRangeInput.vue'
import { formatDateText, parseDateText, presetRange, todayIso } from '../src/dates'
import { testI18n } from './helpers'

describe('dates', () => {
  it('reads and writes dates day first in French, month first in English', () => {
    expect(parseDateText('07/12/2026', 'fr-CD')).toEqual({ ok: true, date: '2026-12-07' })
    expect(parseDateText('12/07/2026', 'en')).toEqual({ ok: true, date: '2026-12-07' })
    expect(parseDateText('7.3.2024', 'fr-CD')).toEqual({ ok: true, date: '2024-03-07' })
    expect(formatDateText('2026-03-07', 'fr-CD')).toBe('07/03/2026')
    expect(formatDateText('2026-03-07', 'en')).toBe('03/07/2026')
  })

  it('refuses impossible dates instead of rolling them over', () => {
    expect(parseDateText('31/02/2026', 'fr-CD')).toEqual({ ok: false, error: 'impossible' })
    expect(parseDateText('29/02/2025', 'fr-CD')).toEqual({ ok: false, error: 'impossible' })
    expect(parseDateText('29/02/2024', 'fr-CD')).toEqual({ ok: true, date: '2024-02-29' })
    expect(parseDateText('13/01/2026', 'en')).toEqual({ ok: false, error: 'impossible' })
    expect(parseDateText('1/1/26', 'en')).toEqual({ ok: false, error: 'format' })
    expect(parseDateText('hier', 'fr-CD')).toEqual({ ok: false, error: 'format' })
  })

  it('computes this month, last quarter and the fiscal year from its starting month', () => {
    expect(presetRange('thisMonth', '2026-02-14')).toEqual({
      start: '2026-02-01',
      end: '2026-02-28',
    })
    expect(presetRange('lastQuarter', '2026-02-14')).toEqual({
      start: '2025-10-01',
      end: '2025-12-31',
    })
    expect(presetRange('lastQuarter', '2026-08-31')).toEqual({
      start: '2026-04-01',
      end: '2026-06-30',
    })
    expect(presetRange('thisFiscalYear', '2026-02-14')).toEqual({
      start: '2026-01-01',
      end: '2026-12-31',
    })
    expect(presetRange('thisFiscalYear', '2026-02-14', 7)).toEqual({
      start: '2025-07-01',
      end: '2026-06-30',
    })
    expect(presetRange('thisFiscalYear', '2026-07-01', 7)).toEqual({
      start: '2026-07-01',
      end: '2027-06-30',
    })
  })
})

describe('UiDateInput', () => {
  it('gives back an ISO date for a date typed in French and refuses 31 February in words', async () => {
    const wrapper = mount(UiDateInput, {
      props: { modelValue: null },
      global: { plugins: [testI18n('fr')] },
    })
    const input = wrapper.get('input')
    await input.setValue('15/08/2026')
    expect(wrapper.emitted('update:modelValue')).toEqual([['2026-08-15']])
    await input.setValue('31/02/2026')
    expect(wrapper.emitted('update:modelValue')).toHaveLength(1)
    expect(wrapper.get('[role="alert"]').text()).toBe('Cette date n’existe pas.')
    expect(input.attributes('aria-invalid')).toBe('true')
  })

  it('shows its value month first in English and names its calendar button', () => {
    const wrapper = mount(UiDateInput, {
      props: { modelValue: '2026-03-07' },
      global: { plugins: [testI18n('en')] },
    })
    expect(wrapper.get('input').element.value).toBe('03/07/2026')
    expect(wrapper.get('button').attributes('aria-label')).toBe('Pick from the calendar')
  })
})

describe('UiDateRangeInput', () => {
  it('applies a preset and says when the end comes before the start', async () => {
    const wrapper = mount(UiDateRangeInput, {
      props: { modelValue: { start: null, end: null }, fiscalYearStart: 7 },
      global: { plugins: [testI18n('fr')] },
    })
    const preset = wrapper
      .findAll('button')
      .find((button) => button.text() === 'Exercice en cours')!
    await preset.trigger('click')
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([
      presetRange('thisFiscalYear', todayIso(), 7),
    ])
    await wrapper.setProps({ modelValue: { start: '2026-05-10', end: null } })
    const [, end] = wrapper.findAll('input')
    await end.setValue('01/05/2026')
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([
      { start: '2026-05-10', end: '2026-05-01' },
    ])
    await wrapper.setProps({ modelValue: { start: '2026-05-10', end: '2026-05-01' } })
    expect(wrapper.get('[role="alert"]').text()).toBe('La date de fin précède la date de début.')
  })
})

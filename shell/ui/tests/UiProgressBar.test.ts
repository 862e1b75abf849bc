import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import UiProgressBar from '../src/components/UiProgressBar.vue'

describe('UiProgressBar', () => {
  it('says its progress to assistive technologies and fills to the percent', () => {
    const wrapper = mount(UiProgressBar, {
      props: { value: 35.4, label: 'Import', valueText: '1 000 sur 4 996' },
    })
    const bar = wrapper.get('[role=progressbar]')
    expect(bar.attributes('aria-label')).toBe('Import')
    expect(bar.attributes('aria-valuenow')).toBe('35')
    expect(bar.attributes('aria-valuetext')).toBe('1 000 sur 4 996')
    expect(wrapper.get('.ia-progress__fill').attributes('style')).toContain('width: 35%')
  })

  it('clamps values outside 0 to 100 and shows its tone', () => {
    const over = mount(UiProgressBar, { props: { value: 140, label: 'x', tone: 'success' } })
    expect(over.get('[role=progressbar]').attributes('aria-valuenow')).toBe('100')
    expect(over.classes()).toContain('ia-progress--success')
    const under = mount(UiProgressBar, { props: { value: -5, label: 'x' } })
    expect(under.get('.ia-progress__fill').attributes('style')).toContain('width: 0%')
  })
})

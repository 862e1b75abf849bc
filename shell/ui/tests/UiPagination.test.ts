import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import UiPagination from '../src/components/UiPagination.vue'
import { testI18n } from './helpers'

describe('UiPagination', () => {
  it('speaks French by default and English when asked', () => {
    const fr = mount(UiPagination, {
      props: { page: 2, lastPage: 5, total: 120 },
      global: { plugins: [testI18n('fr')] },
    })
    expect(fr.text()).toContain('Précédent')
    expect(fr.text()).toContain('Page 2 sur 5')
    expect(fr.text()).toContain('120 éléments')
    const en = mount(UiPagination, {
      props: { page: 2, lastPage: 5 },
      global: { plugins: [testI18n('en')] },
    })
    expect(en.text()).toContain('Previous')
    expect(en.text()).toContain('Page 2 of 5')
  })

  it('disables Previous on the first page and moves forward with Next', async () => {
    const wrapper = mount(UiPagination, {
      props: { page: 1, lastPage: 3 },
      global: { plugins: [testI18n()] },
    })
    const [previous, next] = wrapper.findAll('button')
    expect(previous.attributes('disabled')).toBeDefined()
    await next.trigger('click')
    expect(wrapper.emitted('update:page')).toEqual([[2]])
  })
})

import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import HelloPage from '../src/HelloPage.vue'
import module from '../src/module'

describe('demo-hello', () => {
  it('declares its id and the same message keys in fr and en', () => {
    expect(module.id).toBe('demo-hello')
    expect(Object.keys(module.messages.fr.demo_hello)).toEqual(
      Object.keys(module.messages.en.demo_hello)
    )
  })

  it("counts clicks in the user's language", async () => {
    const i18n = createI18n({ legacy: false, locale: 'fr', messages: module.messages })
    const page = mount(HelloPage, { global: { plugins: [i18n] } })
    await page.get('button').trigger('click')
    expect(page.get('button').text()).toBe('Clics : 1')
  })
})

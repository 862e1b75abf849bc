import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, ref } from 'vue'
import UiFormField from '../src/components/UiFormField.vue'
import UiInput from '../src/components/UiInput.vue'
import { testI18n } from './helpers'

describe('UiFormField', () => {
  it('links its label, hint and error to the control inside it', () => {
    const wrapper = mount(
      defineComponent({
        components: { UiFormField, UiInput },
        setup: () => ({ email: ref('a@b') }),
        template: `<UiFormField label="E-mail" hint="Professionnel" error="Adresse invalide" required><UiInput v-model="email" /></UiFormField>`,
      }),
      { global: { plugins: [testI18n()] } }
    )
    const input = wrapper.get('input')
    const label = wrapper.get('label')
    expect(label.attributes('for')).toBe(input.attributes('id'))
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(input.attributes('required')).toBeDefined()
    const describedBy = input.attributes('aria-describedby')!.split(' ')
    expect(describedBy.map((id) => wrapper.get(`#${CSS.escape(id)}`).text())).toEqual([
      'Adresse invalide',
      'Professionnel',
    ])
  })

  it('keeps v-model working through the field', async () => {
    const wrapper = mount(
      defineComponent({
        components: { UiFormField, UiInput },
        setup: () => ({ name: ref('') }),
        template: `<UiFormField label="Nom"><UiInput v-model="name" /></UiFormField><p>{{ name }}</p>`,
      }),
      { global: { plugins: [testI18n()] } }
    )
    await wrapper.get('input').setValue('Kinshasa Négoce')
    expect(wrapper.get('p').text()).toBe('Kinshasa Négoce')
    expect(wrapper.get('input').attributes('aria-invalid')).toBeUndefined()
  })
})

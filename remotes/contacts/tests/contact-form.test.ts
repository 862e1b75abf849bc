import { describe, expect, it } from 'vitest'
import { formatPlace } from '../src/composables/format'
import {
  contactToForm,
  emptyContactForm,
  formToInput,
  isContactField,
  parseTags,
  validateContactForm,
  type ContactFormValues,
} from '../src/forms/contact-form'
import { contactFixture } from './helpers'

function form(overrides: Partial<ContactFormValues> = {}): ContactFormValues {
  return { ...emptyContactForm(), name: 'Brasserie du Fleuve', ...overrides }
}

describe('validateContactForm', () => {
  it('accepts a minimal contact', () => {
    expect(validateContactForm(form())).toEqual({})
  })

  it('requires a name that is not only spaces', () => {
    expect(validateContactForm(form({ name: '   ' }))).toEqual({ name: { key: 'required' } })
  })

  it('flags a malformed email', () => {
    expect(validateContactForm(form({ email: 'achats@fleuve' })).email).toEqual({ key: 'email' })
    expect(validateContactForm(form({ email: 'achats@fleuve.cd' })).email).toBeUndefined()
  })

  it('accepts Congolese numbers written locally or with +243', () => {
    for (const phone of [
      '081 234 5678',
      '+243 81 234 5678',
      '+243-812-345-678',
      '(+243) 812345678',
    ]) {
      expect(validateContactForm(form({ phone })).phone, phone).toBeUndefined()
    }
  })

  it('rejects phone numbers with letters or too few digits', () => {
    expect(validateContactForm(form({ phone: '081 CALL ME' })).phone).toEqual({ key: 'phone' })
    expect(validateContactForm(form({ phone: '12 34' })).phone).toEqual({ key: 'phone' })
  })

  it('reports the maximum length', () => {
    expect(validateContactForm(form({ name: 'x'.repeat(201) })).name).toEqual({
      key: 'tooLong',
      params: { max: 200 },
    })
  })

  it('limits the number and the length of tags', () => {
    const many = Array.from({ length: 21 }, (_, index) => `tag${index}`).join(',')
    expect(validateContactForm(form({ tags: many })).tags).toEqual({
      key: 'tooManyTags',
      params: { max: 20 },
    })
    expect(validateContactForm(form({ tags: 'x'.repeat(41) })).tags).toEqual({
      key: 'tooLong',
      params: { max: 40 },
    })
  })
})

describe('parseTags', () => {
  it('trims, drops blanks and case-insensitive duplicates, keeps the first spelling', () => {
    expect(parseTags(' Grossiste, boissons,, grossiste ,VIP ')).toEqual([
      'Grossiste',
      'boissons',
      'VIP',
    ])
  })
})

describe('formToInput', () => {
  it('leaves blank fields out of a creation', () => {
    expect(formToInput(form({ country: 'CD', tags: 'vip' }), 'create')).toEqual({
      kind: 'company',
      name: 'Brasserie du Fleuve',
      isCustomer: true,
      isSupplier: false,
      country: 'CD',
      tags: ['vip'],
    })
  })

  it('sends null for blank fields of an update so they are cleared', () => {
    const input = formToInput(form({ country: '' }), 'update')
    expect(input.email).toBeNull()
    expect(input.country).toBeNull()
    expect(input.preferredCurrency).toBeNull()
    expect(input.preferredLocale).toBeNull()
    expect(input.tags).toEqual([])
  })

  it('keeps a chosen currency and language', () => {
    const input = formToInput(form({ preferredCurrency: 'CDF', preferredLocale: 'en' }), 'create')
    expect(input.preferredCurrency).toBe('CDF')
    expect(input.preferredLocale).toBe('en')
  })
})

describe('contactToForm', () => {
  it('round-trips an existing contact', () => {
    const contact = contactFixture()
    const input = formToInput(contactToForm(contact), 'update')
    expect(input).toMatchObject({
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      tags: contact.tags,
      notes: null,
      preferredCurrency: 'USD',
    })
  })
})

describe('isContactField', () => {
  it('knows the form fields and nothing else', () => {
    expect(isContactField('idNat')).toBe(true)
    expect(isContactField('organizationId')).toBe(false)
  })
})

describe('formatPlace', () => {
  it("names the country in the reader's language after the city, and never shows a country alone under the city", () => {
    expect(formatPlace('Lubumbashi', 'CD', 'fr')).toMatch(/^Lubumbashi, (RD Congo|Congo-Kinshasa)$/)
    expect(formatPlace(null, 'CD', 'en')).toBe('')
    expect(formatPlace('Paris', null, 'en')).toBe('Paris')
    expect(formatPlace(null, null, 'fr')).toBe('')
  })
})

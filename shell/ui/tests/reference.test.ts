import { describe, expect, it } from 'vitest'
import { codeOptions, COUNTRY_CODES, countryName, formatPhone, phoneLinks } from '../src/reference'

describe('formatPhone', () => {
  it('groups every country the same international way', () => {
    expect(formatPhone('+243810001014')).toBe('+243 810 001 014')
    expect(formatPhone('+33612345678')).toBe('+33 6 12 34 56 78')
    expect(formatPhone('not a number')).toBe('not a number')
    expect(formatPhone(null)).toBe('')
  })
})

describe('phoneLinks', () => {
  it('calls any number and offers WhatsApp for a mobile one', () => {
    expect(phoneLinks('+243810001014')).toEqual({
      call: 'tel:+243810001014',
      whatsapp: 'https://wa.me/243810001014',
    })
    expect(phoneLinks('+33145443800')).toEqual({ call: 'tel:+33145443800', whatsapp: null })
    expect(phoneLinks('')).toBeNull()
  })
})

describe('country and currency options', () => {
  it("lists every ISO country, named in the reader's language, the preferred one first", () => {
    const options = codeOptions(COUNTRY_CODES, (code) => countryName(code, 'fr'), ['CD'], 'fr')
    expect(options).toHaveLength(COUNTRY_CODES.length)
    expect(options[0]).toEqual({ value: 'CD', label: 'Congo-Kinshasa', preferred: true })
    expect(options[1].label.localeCompare(options[2].label, 'fr')).toBeLessThan(0)
    expect(options.find((option) => option.value === 'CO')?.label).toBe('Colombie')
    expect(options.find((option) => option.value === 'CG')?.label).toBe('Congo-Brazzaville')
  })

  it('keeps the preferred codes in their order and only once', () => {
    const options = codeOptions(
      ['CDF', 'EUR', 'USD'],
      (code) => code,
      ['USD', 'CDF', 'USD', 'XXX'],
      'en'
    )
    expect(options.map((option) => option.value)).toEqual(['USD', 'CDF', 'EUR'])
    expect(options.map((option) => Boolean(option.preferred))).toEqual([true, true, false])
  })
})

import { describe, expect, it } from 'vitest'
import { decimalToMinor, formatDecimal, localized, minorToDecimal } from '../src/format'

describe('money between the API (decimal strings) and the inputs (minor units)', () => {
  it('turns decimal strings into minor units and back, whatever the sign', () => {
    expect(decimalToMinor('1234.5', 'USD')).toBe('123450')
    expect(decimalToMinor('-0.05', 'CDF')).toBe('-5')
    expect(decimalToMinor('0.00', 'CDF')).toBe('0')
    expect(decimalToMinor('1500', 'XAF')).toBe('1500')
    expect(minorToDecimal('123450', 'USD')).toBe('1234.50')
    expect(minorToDecimal('-5', 'CDF')).toBe('-0.05')
    expect(minorToDecimal(7n, 'USD')).toBe('0.07')
    expect(minorToDecimal('1500', 'XAF')).toBe('1500')
  })

  it('writes amounts in the reader language', () => {
    expect(formatDecimal('1234.5', 'USD', 'en')).toMatch(/\$1,234\.50/)
    expect(formatDecimal('-58000', 'CDF', 'fr').replace(/\s/g, ' ')).toMatch(/-58 000,00/)
  })

  it('picks the text of the reader language', () => {
    expect(localized({ fr: 'Loyer', en: 'Rent' }, 'en')).toBe('Rent')
    expect(localized({ fr: 'Loyer', en: 'Rent' }, 'fr')).toBe('Loyer')
  })
})

describe('report CSV', () => {
  it('reads quoted cells, doubled quotes, line breaks and the byte order mark', async () => {
    const { parseCsvRows } = await import('../src/csv')
    expect(
      parseCsvRows(
        '\uFEFFCompte,Libellé,Solde\r\n701,"Ventes, marchandises",1000\n"6","Dit ""oui""",-5\n'
      )
    ).toEqual([
      ['Compte', 'Libellé', 'Solde'],
      ['701', 'Ventes, marchandises', '1000'],
      ['6', 'Dit "oui"', '-5'],
    ])
  })
})

import { describe, expect, it, vi } from 'vitest'
import { currencyDigits, formatMoney, minorToDecimal, parseMoney } from '../src/money'

const NNBSP = '\u202f'

describe('money', () => {
  it('takes each currency’s decimals from ISO 4217 through Intl', () => {
    expect([
      currencyDigits('USD'),
      currencyDigits('CDF'),
      currencyDigits('XAF'),
      currencyDigits('BHD'),
    ]).toEqual([2, 2, 0, 3])
  })

  it('formats minor units the way each language writes amounts', () => {
    expect(formatMoney(123456750n, 'CDF', 'fr')).toBe(`1${NNBSP}234${NNBSP}567,50${'\u00a0'}FC`)
    expect(formatMoney('123456750', 'USD', 'en')).toBe('$1,234,567.50')
    expect(formatMoney(1234567n, 'XAF', 'fr')).toBe(`1${NNBSP}234${NNBSP}567${'\u00a0'}FCFA`)
    expect(formatMoney(-5n, 'USD', 'en')).toBe('-$0.05')
  })

  it('keeps every digit of amounts up to 10^15 minor units and beyond 2^53', () => {
    expect(minorToDecimal(1_000_000_000_000_000n, 2)).toBe('10000000000000.00')
    expect(formatMoney('999999999999999', 'USD', 'en')).toBe('$9,999,999,999,999.99')
    expect(formatMoney(9_007_199_254_740_993n, 'USD', 'en')).toBe('$90,071,992,547,409.93')
    expect(parseMoney('9 999 999 999 999,99', 'USD', 'fr')).toEqual({
      ok: true,
      minor: 999_999_999_999_999n,
    })
    expect(parseMoney('10,000,000,000,000.01', 'USD', 'en')).toEqual({
      ok: true,
      minor: 1_000_000_000_000_001n,
    })
    expect(parseMoney('1 000 000 000 000 000', 'XAF', 'fr')).toEqual({
      ok: true,
      minor: 1_000_000_000_000_000n,
    })
    expect(parseMoney('-$9,007,199,254,740.93', 'USD', 'en', { allowNegative: true })).toEqual({
      ok: true,
      minor: -900_719_925_474_093n,
    })
    expect(parseMoney('90 071 992 547 409,93 FC', 'CDF', 'fr')).toEqual({
      ok: true,
      minor: 9_007_199_254_740_993n,
    })
    for (const minor of [999_999_999_999_999n, 1_000_000_000_000_000n, 1_234_567_890_123_457n]) {
      for (const locale of ['fr', 'en']) {
        expect(parseMoney(formatMoney(minor, 'USD', locale), 'USD', locale)).toEqual({
          ok: true,
          minor,
        })
      }
    }
  })

  it('builds each Intl formatter once, however many amounts it writes', () => {
    const spy = vi.spyOn(Intl, 'NumberFormat')
    for (let cents = 0n; cents < 500n; cents++) formatMoney(cents, 'EUR', 'en-GB')
    expect(spy.mock.calls.length).toBeLessThanOrEqual(2)
    spy.mockRestore()
  })

  it('reads amounts typed in French and English, with or without the currency sign', () => {
    expect(parseMoney('1 234 567,50', 'CDF', 'fr')).toEqual({ ok: true, minor: 123456750n })
    expect(parseMoney(`1${NNBSP}234,5 FC`, 'CDF', 'fr')).toEqual({ ok: true, minor: 123450n })
    expect(parseMoney('$1,234,567.50', 'USD', 'en')).toEqual({ ok: true, minor: 123456750n })
    expect(parseMoney('0.07', 'USD', 'en')).toEqual({ ok: true, minor: 7n })
    expect(parseMoney('15000', 'XAF', 'fr')).toEqual({ ok: true, minor: 15000n })
    expect(parseMoney('   ', 'USD', 'en')).toEqual({ ok: true, minor: null })
  })

  it('refuses letters, a third decimal in USD, any decimal in XAF, the other language’s separator and negatives', () => {
    expect(parseMoney('12a', 'USD', 'en')).toMatchObject({ ok: false, error: 'characters' })
    expect(parseMoney('1e5', 'USD', 'en')).toMatchObject({ ok: false, error: 'characters' })
    expect(parseMoney('\u0661\u0662', 'USD', 'en')).toMatchObject({
      ok: false,
      error: 'characters',
    })
    expect(parseMoney('12,50 €', 'CDF', 'fr')).toMatchObject({ ok: false, error: 'characters' })
    expect(parseMoney('12.345', 'USD', 'en')).toMatchObject({ ok: false, error: 'tooManyDecimals' })
    expect(parseMoney('1 500,5', 'XAF', 'fr')).toMatchObject({ ok: false, error: 'noDecimals' })
    expect(parseMoney('12.50', 'CDF', 'fr')).toMatchObject({ ok: false, error: 'decimalSeparator' })
    expect(parseMoney('1,2,3', 'CDF', 'fr')).toMatchObject({ ok: false, error: 'characters' })
    expect(parseMoney('-5', 'USD', 'en')).toMatchObject({ ok: false, error: 'negative' })
    expect(parseMoney('-5', 'USD', 'en', { allowNegative: true })).toEqual({
      ok: true,
      minor: -500n,
    })
    expect(parseMoney('99999999999999999999', 'USD', 'en')).toMatchObject({
      ok: false,
      error: 'tooLarge',
    })
  })
})

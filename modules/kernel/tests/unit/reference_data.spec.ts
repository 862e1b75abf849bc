import { test } from '@japa/runner'
import { COUNTRY_CODES, isCountryCode, readCountry } from '../../reference/countries.ts'
import { isCurrencyCode, isoCurrencies } from '../../money/money.ts'
import { isDrCongoIdentifier } from '../../reference/dr_congo_identifiers.ts'

test.group('Countries', () => {
  test('the ISO 3166-1 alpha-2 codes, and nothing cut from a name', ({ assert }) => {
    // The 249 ISO codes and Kosovo's XK, which ISO leaves to users and everybody uses.
    assert.lengthOf(COUNTRY_CODES, 250)
    for (const code of ['CD', 'CG', 'BE', 'FR', 'US', 'XK'])
      assert.isTrue(isCountryCode(code), code)
    for (const code of ['CO'.toLowerCase(), 'ZZ', 'EU', 'RDC', 'C'])
      assert.isFalse(isCountryCode(code), code)
  })

  test('"{$self}" is DR Congo')
    .with([
      'CD',
      'cd',
      'COD',
      'RDC',
      'R.D.C.',
      'RD Congo',
      'DRC',
      'Congo-Kinshasa',
      'Congo - Kinshasa',
      'République démocratique du Congo',
      'republique democratique du congo',
      'Democratic Republic of the Congo',
      'Zaïre',
    ])
    .run(({ assert }, text) => {
      assert.deepEqual(readCountry(text), { code: 'CD' })
    })

  test('"{$self}" is the Republic of the Congo')
    .with([
      'CG',
      'COG',
      'Congo-Brazzaville',
      'Congo - Brazzaville',
      'République du Congo',
      'Republic of the Congo',
    ])
    .run(({ assert }, text) => {
      assert.deepEqual(readCountry(text), { code: 'CG' })
    })

  test('"Congo" alone is ambiguous, never Colombia; names in either language are read', ({
    assert,
  }) => {
    assert.deepEqual(readCountry('Congo'), { ambiguous: ['CD', 'CG'] })
    assert.deepEqual(readCountry(' congo '), { ambiguous: ['CD', 'CG'] })
    assert.deepEqual(readCountry('Belgique'), { code: 'BE' })
    assert.deepEqual(readCountry('Belgium'), { code: 'BE' })
    assert.deepEqual(readCountry("Côte d'Ivoire"), { code: 'CI' })
    assert.deepEqual(readCountry('Afrique du Sud'), { code: 'ZA' })
    assert.isNull(readCountry('Wakanda'))
    assert.isNull(readCountry('!!'))
  })

  test('currencies are ISO 4217 codes', ({ assert }) => {
    assert.includeMembers(
      isoCurrencies().map((currency) => currency.code),
      ['CDF', 'USD', 'EUR', 'XAF']
    )
    assert.isTrue(isCurrencyCode('CDF'))
    assert.isFalse(isCurrencyCode('FC'))
    assert.isFalse(isCurrencyCode('cdf'))
  })
})

test.group('DR Congo registration numbers', () => {
  test('{0} "{1}" has the official shape')
    .with([
      ['rccm', 'CD/KNG/RCCM/14-B-1234'],
      ['rccm', 'CD/KIN/RCCM/14-B-04334'],
      ['rccm', 'cd/lsh/rccm/21-a-00042'],
      ['rccm', 'BIA/RCCM/19-A-1320265'],
      ['idNat', '01-83-N12345P'],
      ['idNat', '5-490-N16077H'],
      ['idNat', '493-N50888J'],
      ['idNat', '01-9-n12345k'],
      ['nif', 'A1234567B'],
      ['nif', 'a 1234567 b'],
    ] as const)
    .run(({ assert }, [kind, value]) => {
      assert.isTrue(isDrCongoIdentifier(kind, value))
    })

  test('{0} "{1}" does not')
    .with([
      ['rccm', '!!!'],
      ['rccm', 'CD/GOM/RCCM/16-B-O467'],
      ['rccm', '14-B-1234'],
      ['idNat', '!!!'],
      ['idNat', '01-83-12345'],
      ['nif', '!!!'],
      ['nif', '1234567'],
      ['nif', 'A123456B'],
    ] as const)
    .run(({ assert }, [kind, value]) => {
      assert.isFalse(isDrCongoIdentifier(kind, value))
    })
})

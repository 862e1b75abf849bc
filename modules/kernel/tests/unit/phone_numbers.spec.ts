import { test } from '@japa/runner'
import {
  formatPhoneNumber,
  normalizePhoneNumber,
  phoneSearchKeywords,
  phoneSearchText,
} from '../../reference/phone_numbers.ts'

test.group('Phone number normaliser', () => {
  test('reads "{$self}" as +243812345678')
    .with([
      '0812345678',
      '+243 81 234 5678',
      '00243812345678',
      '00243 81 234 56 78',
      '243812345678',
      '(081) 234-5678',
      '081.234.5678',
    ])
    .run(({ assert }, input) => {
      assert.equal(normalizePhoneNumber(input), '+243812345678')
    })

  test('understands every Congolese mobile prefix', ({ assert }) => {
    assert.equal(normalizePhoneNumber('0991234567'), '+243991234567')
    assert.equal(normalizePhoneNumber('0851234567'), '+243851234567')
    assert.equal(normalizePhoneNumber('0901234567'), '+243901234567')
  })

  test('keeps foreign numbers written internationally, and reads national ones in the given country', ({
    assert,
  }) => {
    assert.equal(normalizePhoneNumber('+33 6 12 34 56 78'), '+33612345678')
    assert.equal(normalizePhoneNumber('06 12 34 56 78', 'FR'), '+33612345678')
    assert.equal(normalizePhoneNumber('06 12 34 56 78', 'fr'), '+33612345678')
  })

  test('refuses "{$self}"')
    .with(['12345', '+243 12', '08123', 'abc', '0812345678x', '+243 81 234 5678 9999 9999', ''])
    .run(({ assert }, input) => {
      assert.isNull(normalizePhoneNumber(input))
    })

  test('formats every country the same international way', ({ assert }) => {
    assert.equal(formatPhoneNumber('+243810001014'), '+243 810 001 014')
    assert.equal(formatPhoneNumber('+33612345678'), '+33 6 12 34 56 78')
    assert.equal(formatPhoneNumber('+250788123456'), '+250 788 123 456')
    assert.equal(formatPhoneNumber('not a number'), 'not a number')
  })
})

test.group('Phone numbers in search', () => {
  test('a stored number is indexed in its international, national and short national forms', ({
    assert,
  }) => {
    assert.deepEqual(phoneSearchKeywords('+243810001014'), [
      '243810001014',
      '0810001014',
      '810001014',
    ])
    assert.deepEqual(phoneSearchKeywords('+33612345678'), [
      '33612345678',
      '0612345678',
      '612345678',
    ])
  })

  test('"{$self}" searched in a DR Congo organisation looks for 243810001014')
    .with([
      '0810001014',
      '810001014',
      '081 000 1014',
      '+243810001014',
      '+243 810 001 014',
      '00243810001014',
      '081-000-1014',
    ])
    .run(({ assert }, text) => {
      assert.equal(phoneSearchText(text, 'CD'), '243810001014')
    })

  test("a national number is read in the organisation's country", ({ assert }) => {
    assert.equal(phoneSearchText('06 12 34 56 78', 'FR'), '33612345678')
    assert.equal(phoneSearchText('+243 810 001 014', 'FR'), '243810001014')
  })

  test('the start of a number is looked for as its digits run together; text is no phone number', ({
    assert,
  }) => {
    assert.equal(phoneSearchText('081 000', 'CD'), '081000')
    assert.equal(phoneSearchText('+243 81', 'CD'), '24381')
    assert.isNull(phoneSearchText('societe miniere', 'CD'))
    assert.isNull(phoneSearchText('CD/KIN/RCCM/14-B-1234', 'CD'))
  })
})

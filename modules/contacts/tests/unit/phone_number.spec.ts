import { test } from '@japa/runner'
import { normalizePhoneNumber } from '../../app/services/phone_number.ts'

test.group('Phone number normaliser', () => {
  test('reads "{$self}" as +243812345678')
    .with(['0812345678', '+243 81 234 5678', '00243812345678', '00243 81 234 56 78', '243812345678', '(081) 234-5678', '081.234.5678'])
    .run(({ assert }, input) => {
      assert.equal(normalizePhoneNumber(input), '+243812345678')
    })

  test('understands every Congolese mobile prefix', ({ assert }) => {
    assert.equal(normalizePhoneNumber('0991234567'), '+243991234567')
    assert.equal(normalizePhoneNumber('0851234567'), '+243851234567')
    assert.equal(normalizePhoneNumber('0901234567'), '+243901234567')
  })

  test('keeps foreign numbers written internationally, and reads national ones in the given country', ({ assert }) => {
    assert.equal(normalizePhoneNumber('+33 6 12 34 56 78'), '+33612345678')
    assert.equal(normalizePhoneNumber('06 12 34 56 78', 'FR'), '+33612345678')
    assert.equal(normalizePhoneNumber('06 12 34 56 78', 'fr'), '+33612345678')
  })

  test('refuses "{$self}"')
    .with(['12345', '+243 12', '08123', 'abc', '0812345678x', '+243 81 234 5678 9999 9999', ''])
    .run(({ assert }, input) => {
      assert.isNull(normalizePhoneNumber(input))
    })
})

import { test } from '@japa/runner'
import { formatNumber, isSeriesFormat } from '../../app/services/numbering.ts'

test.group('Numbering / formats', () => {
  test('fills the year and the zero-padded counter', ({ assert }) => {
    assert.equal(formatNumber('FA-{YYYY}-{NNNN}', 2026, 1), 'FA-2026-0001')
    assert.equal(formatNumber('AV{YY}/{NNNNNN}', 2026, 42), 'AV26/000042')
    assert.equal(formatNumber('FA-{YYYY}-{NN}', 2026, 1234), 'FA-2026-1234')
  })

  test('accepts a format with the year and one counter, and nothing else in braces', ({
    assert,
  }) => {
    for (const format of [
      'FA-{YYYY}-{NNNN}',
      'F{YY}{NNNNN}',
      'DV/{YYYY}/{N}',
      'Facture {YYYY}.{NNN}',
    ])
      assert.isTrue(isSeriesFormat(format), format)
    for (const format of [
      'FA-{NNNN}',
      'FA-{YYYY}',
      'FA-{YYYY}-{NN}-{NNNN}',
      'FA-{YYYY}-{MM}-{NNNN}',
      'FA-{YYYY}-{NNNN}{',
      'FA#{YYYY}-{NNNN}',
      '{YYYY}-{NNNNNNNNNNN}',
    ]) {
      assert.isFalse(isSeriesFormat(format), format)
    }
  })
})

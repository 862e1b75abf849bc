import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { parseArchivedAt } from '../../app/services/contact_values.ts'
import { fieldForHeader } from '../../app/services/contact_columns.ts'

const NOW = DateTime.fromISO('2025-06-01T12:00:00.000Z')
const KINSHASA = 'Africa/Kinshasa'

test.group('Archived-at cell', () => {
  test("reads the date an export writes in the organisation's time zone", ({ assert }) => {
    assert.equal(
      parseArchivedAt('2024-03-01 10:00:00', KINSHASA, NOW)!.toUTC().toISO(),
      '2024-03-01T09:00:00.000Z'
    )
    assert.equal(
      parseArchivedAt('2024-03-01 10:00:00', 'Africa/Lubumbashi', NOW)!.toUTC().toISO(),
      '2024-03-01T08:00:00.000Z'
    )
  })

  test('reads an ISO date, keeping its offset', ({ assert }) => {
    assert.equal(
      parseArchivedAt('2024-03-01T10:00:00.000+01:00', KINSHASA, NOW)!.toUTC().toISO(),
      '2024-03-01T09:00:00.000Z'
    )
    assert.equal(parseArchivedAt('2024-03-01', KINSHASA, NOW)!.toISODate(), '2024-03-01')
  })

  test('reads "{$self}" day first, as French spreadsheets show dates')
    .with(['15/01/2024', '15/01/2024 08:30', '15.01.2024', '15-01-2024 08h30'])
    .run(({ assert }, cell) => {
      assert.equal(parseArchivedAt(cell, KINSHASA, NOW)!.toISODate(), '2024-01-15')
    })

  test('reads yes as archived now and no as active', ({ assert }) => {
    assert.equal(parseArchivedAt('oui', KINSHASA, NOW)!.toMillis(), NOW.toMillis())
    assert.equal(parseArchivedAt('Yes', KINSHASA, NOW)!.toMillis(), NOW.toMillis())
    assert.isNull(parseArchivedAt('non', KINSHASA, NOW))
  })

  test('refuses "{$self}"')
    .with(['31/02/2024', 'hier', '2999-01-01', '2025-06-02'])
    .run(({ assert }, cell) => {
      assert.isUndefined(parseArchivedAt(cell, KINSHASA, NOW))
    })

  test('is named by the export headers in both languages', ({ assert }) => {
    assert.equal(fieldForHeader('archivé le'), 'archivedAt')
    assert.equal(fieldForHeader('archived at'), 'archivedAt')
    assert.isUndefined(fieldForHeader('créé le'))
  })
})

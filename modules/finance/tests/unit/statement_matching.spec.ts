import { test } from '@japa/runner'
import {
  statementLineFingerprints,
  suggestMatches,
  type MatchCandidate,
} from '../../app/services/statement_matching.ts'

const candidate = (overrides: Partial<MatchCandidate>): MatchCandidate => ({
  entryId: 'e',
  sourceType: 'payment',
  sourceId: 'p',
  date: '2026-02-05',
  amountMinor: 150_000n,
  reference: null,
  label: '',
  ...overrides,
})

test.group('Statement matching', () => {
  test('requires the same signed amount, then ranks the reference and the closer date first', ({
    assert,
  }) => {
    const line = {
      date: '2026-02-06',
      amountMinor: 150_000n,
      reference: null,
      description: 'VIR KASONGO SARL FACT F-2026/0004',
    }
    const matches = suggestMatches(line, [
      candidate({ entryId: 'far', date: '2026-02-15' }),
      candidate({ entryId: 'near', date: '2026-02-06' }),
      candidate({ entryId: 'ref', date: '2026-02-01', reference: 'F-2026-0004' }),
      candidate({ entryId: 'other-amount', amountMinor: 150_001n }),
      candidate({ entryId: 'outflow', amountMinor: -150_000n }),
      candidate({ entryId: 'too-far', date: '2026-03-20' }),
    ])
    assert.deepEqual(
      matches.map(({ entryId, score, reasons }) => [entryId, score, reasons]),
      [
        ['ref', 90, ['amount', 'reference']],
        ['near', 70, ['amount', 'date']],
        ['far', 52, ['amount']],
      ]
    )
  })

  test('keeps a movement whose reference is in the line even past the date window', ({
    assert,
  }) => {
    const matches = suggestMatches(
      { date: '2026-04-01', amountMinor: -5_000n, reference: 'CHQ 0045', description: '' },
      [candidate({ amountMinor: -5_000n, date: '2026-02-01', reference: '0045' })]
    )
    assert.lengthOf(matches, 1)
  })

  test('gives the same fingerprints to the same statement read twice, and tells identical lines apart', ({
    assert,
  }) => {
    const lines = [
      {
        date: '2026-02-03',
        amountMinor: 500_000n,
        reference: null,
        description: 'Paiement M-Pesa',
        externalId: null,
      },
      {
        date: '2026-02-03',
        amountMinor: 500_000n,
        reference: null,
        description: 'Paiement  m-pesa',
        externalId: null,
      },
      {
        date: '2026-02-03',
        amountMinor: 500_000n,
        reference: null,
        description: 'x',
        externalId: 'RKT55',
      },
    ]
    const first = statementLineFingerprints('account-1', lines)
    assert.deepEqual(statementLineFingerprints('account-1', lines), first)
    assert.equal(new Set(first).size, 3)
    assert.notDeepEqual(statementLineFingerprints('account-2', lines), first)
    // An overlapping later statement holding the first line finds it.
    assert.equal(statementLineFingerprints('account-1', [lines[0]])[0], first[0])
  })
})

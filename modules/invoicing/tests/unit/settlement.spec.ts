import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { balanceMinor, displayedStatus, settledStatus } from '../../app/services/settlement.ts'

const invoice = (paid: string, credited: string, sentAt: DateTime | null = null) => ({
  totalMinor: '10000',
  paidMinor: paid,
  creditedMinor: credited,
  sentAt,
})

test.group('Settlement / status', () => {
  test('reads the state from what was paid and credited', ({ assert }) => {
    assert.equal(settledStatus(invoice('0', '0')), 'issued')
    assert.equal(settledStatus(invoice('0', '0', DateTime.now())), 'sent')
    assert.equal(settledStatus(invoice('2500', '0')), 'partially_paid')
    assert.equal(settledStatus(invoice('7500', '2500')), 'paid')
    assert.equal(settledStatus(invoice('0', '10000')), 'cancelled')
    assert.equal(settledStatus(invoice('0', '4000', DateTime.now())), 'sent')
    assert.equal(balanceMinor(invoice('2500', '1000')), 6500n)
  })

  test('an open invoice past its due date shows as overdue, a paid one never', ({ assert }) => {
    const due = DateTime.fromISO('2026-03-01')
    assert.equal(
      displayedStatus({ kind: 'invoice', status: 'sent', dueDate: due }, '2026-03-02'),
      'overdue'
    )
    assert.equal(
      displayedStatus({ kind: 'invoice', status: 'sent', dueDate: due }, '2026-03-01'),
      'sent'
    )
    assert.equal(
      displayedStatus({ kind: 'invoice', status: 'paid', dueDate: due }, '2026-04-01'),
      'paid'
    )
    assert.equal(
      displayedStatus({ kind: 'quote', status: 'sent', dueDate: due }, '2026-04-01'),
      'sent'
    )
  })
})

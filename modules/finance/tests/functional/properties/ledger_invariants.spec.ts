import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { Decimal, events, formatAmount } from '@ia/kernel/contracts'
import { runQueuedJobs } from '@ia/platform/testing'
import { recordRate } from '@ia/invoicing/testing'
import { ledgerPosting } from '../../../contracts/index.ts'
import {
  balanceSheet,
  incomeStatement,
  trialBalance,
  type CurrencyView,
} from '../../../app/services/reports.ts'
import { checkBalanceImmediately, createFinanceOrganization } from '../../helpers.ts'

/** 1 USD = 2,800 CDF from the first day of the year: what payments and expenses in USD convert at. */
const USD_RATE = '2800'
const YEAR_START = DateTime.fromISO('2026-01-05')

/** One step of a business's life, its numbers drawn at random and read against what exists. */
const operation = fc.oneof(
  fc.record({
    kind: fc.constant('invoice' as const),
    usd: fc.boolean(),
    taxedBase: fc.integer({ min: 0, max: 5_000_000 }),
    exemptBase: fc.integer({ min: 0, max: 2_000_000 }),
    bookRate: fc.integer({ min: 2_600_0000, max: 2_950_0000 }),
    day: fc.integer({ min: 0, max: 170 }),
    terms: fc.integer({ min: 0, max: 90 }),
  }),
  fc.record({
    kind: fc.constant('payment' as const),
    pick: fc.nat(),
    share: fc.integer({ min: 1, max: 100 }),
    method: fc.constantFrom(
      'cash' as const,
      'transfer' as const,
      'mobile_money' as const,
      'card' as const
    ),
    day: fc.integer({ min: 0, max: 170 }),
  }),
  fc.record({
    kind: fc.constant('creditNote' as const),
    pick: fc.nat(),
    share: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({ kind: fc.constant('reversal' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('expense' as const),
    usd: fc.boolean(),
    account: fc.constantFrom('6011', '6052', '6222', '6318', '6611', '6281'),
    treasury: fc.constantFrom('521', '5711', '552'),
    base: fc.integer({ min: 1, max: 3_000_000 }),
    withVat: fc.boolean(),
    day: fc.integer({ min: 0, max: 170 }),
  })
)

type Operation = typeof operation extends fc.Arbitrary<infer Drawn> ? Drawn : never

type Invoice = {
  id: string
  number: string
  currency: 'CDF' | 'USD'
  bookRate: string
  customerId: string
  issueDate: string
  groups: Array<{ taxGroup: string; rate: string; base: Decimal }>
  total: Decimal
  open: Decimal
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
const dayOf = (offset: number) => YEAR_START.plus({ days: offset }).toISODate()!

/** Publishes invoicing's events and posts expenses as each operation says; answers how many of each. */
async function play(organizationId: string, operations: Operation[]) {
  const invoices: Invoice[] = []
  const payments: string[] = []
  let sequence = 0
  const counts = { invoices: 0, creditNotes: 0, payments: 0, reversals: 0, expenses: 0 }
  const publish = (name: Parameters<typeof events.publish>[0], payload: unknown) =>
    events.publish(name, payload as never, { organizationId })

  for (const step of operations) {
    if (step.kind === 'invoice') {
      if (step.taxedBase + step.exemptBase === 0) continue
      const currency = step.usd ? 'USD' : 'CDF'
      const scale = step.usd ? 100 : 1
      const groups = [
        { taxGroup: 'B', rate: '16', base: new Decimal(step.taxedBase).div(100).div(scale) },
        { taxGroup: 'A', rate: '0', base: new Decimal(step.exemptBase).div(100).div(scale) },
      ].filter((group) => group.base.gt(0))
      const facts = groupFacts(groups, currency)
      if (new Decimal(facts.total).isZero()) continue
      const invoice: Invoice = {
        id: uuid(++sequence),
        number: `FA-2026-${String(sequence).padStart(4, '0')}`,
        currency,
        bookRate: step.usd ? new Decimal(step.bookRate).div(10000).toString() : '1',
        customerId: uuid(1_000_000 + (sequence % 7)),
        issueDate: dayOf(step.day),
        groups: facts.taxGroups.map((group) => ({
          taxGroup: group.taxGroup,
          rate: group.taxRate,
          base: new Decimal(group.base),
        })),
        total: new Decimal(facts.total),
        open: new Decimal(facts.total),
      }
      invoices.push(invoice)
      counts.invoices++
      await publish('invoicing.invoice.issued', {
        documentId: invoice.id,
        number: invoice.number,
        invoiceType: 'sale',
        clientCategory: 'PM',
        customerId: invoice.customerId,
        customerName: 'Client',
        customerNif: null,
        issueDate: invoice.issueDate,
        dueDate: DateTime.fromISO(invoice.issueDate).plus({ days: step.terms }).toISODate(),
        currency,
        ...facts,
        reportingCurrency: 'USD',
        exchangeRate: '1',
        exchangeRateDate: invoice.issueDate,
        reportingTotal: facts.total,
        bookCurrency: 'CDF',
        bookRate: invoice.bookRate,
      })
    } else if (step.kind === 'payment' || step.kind === 'creditNote') {
      const open = invoices.filter((invoice) => invoice.open.gt(0))
      if (!open.length) continue
      const invoice = open[step.pick % open.length]
      const amount = formatAmount(invoice.open.times(step.share).div(100), invoice.currency)
      if (new Decimal(amount).lte(0)) continue
      invoice.open = invoice.open.minus(amount)
      if (step.kind === 'creditNote') {
        // Credited proportionally over the invoice's groups: base and tax of the same share.
        const ratio = new Decimal(amount).div(invoice.total)
        const groups = invoice.groups.map((group) => ({ ...group, base: group.base.times(ratio) }))
        const facts = groupFacts(groups, invoice.currency, amount)
        counts.creditNotes++
        await publish('invoicing.credit_note.issued', {
          documentId: uuid(++sequence),
          number: `AV-2026-${String(sequence).padStart(4, '0')}`,
          invoiceType: 'credit_note',
          clientCategory: 'PM',
          customerId: invoice.customerId,
          customerName: 'Client',
          customerNif: null,
          issueDate: invoice.issueDate,
          dueDate: null,
          currency: invoice.currency,
          ...facts,
          reportingCurrency: 'USD',
          exchangeRate: '1',
          exchangeRateDate: invoice.issueDate,
          reportingTotal: facts.total,
          bookCurrency: 'CDF',
          bookRate: invoice.bookRate,
          creditedDocumentId: invoice.id,
          creditedNumber: invoice.number,
        })
      } else {
        const receivedOn = [dayOf(step.day), invoice.issueDate].sort().at(-1)!
        const rate = invoice.currency === 'USD' ? USD_RATE : '1'
        const difference = formatAmount(
          new Decimal(formatAmount(new Decimal(amount).times(rate), 'CDF')).minus(
            formatAmount(new Decimal(amount).times(invoice.bookRate), 'CDF')
          ),
          'CDF'
        )
        const paymentId = uuid(++sequence)
        payments.push(paymentId)
        counts.payments++
        await publish('invoicing.payment.recorded', {
          paymentId,
          method: step.method,
          reference: null,
          receivedOn,
          customerId: invoice.customerId,
          currency: invoice.currency,
          amount,
          bookCurrency: 'CDF',
          exchangeDifference: difference,
          allocations: [
            {
              documentId: invoice.id,
              number: invoice.number,
              currency: invoice.currency,
              applied: amount,
              amount,
              exchangeRate: null,
              exchangeDifference: difference,
            },
          ],
        })
      }
    } else if (step.kind === 'reversal') {
      if (!payments.length) continue
      const [paymentId] = payments.splice(step.pick % payments.length, 1)
      counts.reversals++
      await publish('invoicing.payment.reversed', {
        paymentId,
        method: 'cash',
        reference: null,
        receivedOn: '2026-01-05',
        customerId: uuid(1_000_000),
        currency: 'CDF',
        amount: '0',
        bookCurrency: 'CDF',
        exchangeDifference: '0',
        allocations: [],
        reason: 'Annulé',
      })
    } else {
      const currency = step.usd ? 'USD' : 'CDF'
      const base = formatAmount(new Decimal(step.base).div(step.usd ? 10000 : 100), currency)
      if (new Decimal(base).lte(0)) continue
      const vat = step.withVat ? formatAmount(new Decimal(base).times('0.16'), currency) : '0'
      const lines: Array<{ account: string; debit?: string; credit?: string }> = [
        { account: step.account, debit: base },
        { account: step.treasury, credit: formatAmount(new Decimal(base).plus(vat), currency) },
      ]
      if (new Decimal(vat).gt(0)) lines.splice(1, 0, { account: '4452', debit: vat })
      counts.expenses++
      await db.transaction((trx) =>
        ledgerPosting.post(trx, organizationId, {
          journal: 'AC',
          date: dayOf(step.day),
          description: 'Dépense',
          currency,
          lines,
        })
      )
    }
  }
  await runQueuedJobs()
  return counts
}

/** The totals of tax groups as invoicing computes them: tax rounded per group, in the currency's digits. */
function groupFacts(
  groups: Array<{ taxGroup: string; rate: string; base: Decimal }>,
  currency: string,
  total?: string
) {
  const taxGroups = groups.map((group) => {
    const base = formatAmount(group.base, currency)
    return {
      taxGroup: group.taxGroup,
      taxRate: group.rate,
      base,
      tax: formatAmount(new Decimal(base).times(group.rate).div(100), currency),
    }
  })
  const net = taxGroups.reduce((sum, group) => sum.plus(group.base), new Decimal(0))
  const tax = taxGroups.reduce((sum, group) => sum.plus(group.tax), new Decimal(0))
  // A credit note's share may round a cent away from the groups' sum: the largest group absorbs it.
  if (total && !net.plus(tax).eq(total)) {
    const largest = taxGroups.reduce((best, group) =>
      new Decimal(group.base).gt(best.base) ? group : best
    )
    largest.base = formatAmount(
      new Decimal(largest.base).plus(new Decimal(total).minus(net.plus(tax))),
      currency
    )
  }
  const finalNet = taxGroups.reduce((sum, group) => sum.plus(group.base), new Decimal(0))
  return {
    taxGroups,
    net: formatAmount(finalNet, currency),
    tax: formatAmount(tax, currency),
    total: formatAmount(finalNet.plus(tax), currency),
  }
}

/** Classes 7 less 6, straight from the lines: what the income statement must say. */
async function resultFromLines(organizationId: string, view: CurrencyView) {
  const [debit, credit] =
    view === 'book'
      ? ['debit_minor', 'credit_minor']
      : ['reporting_debit_minor', 'reporting_credit_minor']
  const { rows } = await db.rawQuery(
    `SELECT coalesce(sum(l.${credit} - l.${debit}) FILTER (WHERE a.class = 7), 0)
          - coalesce(sum(l.${debit} - l.${credit}) FILTER (WHERE a.class = 6), 0) AS result
     FROM finance.entry_lines l JOIN finance.accounts a ON a.id = l.account_id WHERE l.organization_id = ?`,
    [organizationId]
  )
  return BigInt(rows[0].result)
}

test.group('Finance / ledger invariants under random activity', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => checkBalanceImmediately())
  group.each.timeout(600_000)

  test('every entry balances, the trial balance sums to zero, the income statement is classes 7 less 6, the balance sheet balances', async ({
    client,
    assert,
  }) => {
    let played = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 80, maxLength: 200 }),
        async (operations) => {
          const { owner, organization } = await createFinanceOrganization({
            currency: 'CDF',
            reportingCurrency: 'USD',
          })
          await recordRate(client, owner, organization, 'USD', 'CDF', USD_RATE, '2026-01-01')
          const counts = await play(organization.id, operations)
          played += Object.values(counts).reduce((sum, count) => sum + count, 0)

          const unbalanced = await db.rawQuery(
            `SELECT entry_id FROM finance.entry_lines WHERE organization_id = ? GROUP BY entry_id
           HAVING sum(debit_minor) <> sum(credit_minor) OR sum(reporting_debit_minor) <> sum(reporting_credit_minor)
             OR count(*) < 2`,
            [organization.id]
          )
          assert.lengthOf(unbalanced.rows, 0)
          const entries = await db
            .from('finance.entries')
            .where('organization_id', organization.id)
            .select(
              db.raw('count(*) FILTER (WHERE reverses_entry_id IS NULL) AS posted'),
              db.raw('count(*) FILTER (WHERE reverses_entry_id IS NOT NULL) AS reversed')
            )
          assert.equal(
            Number(entries[0].posted),
            counts.invoices + counts.creditNotes + counts.payments + counts.expenses
          )
          assert.equal(Number(entries[0].reversed), counts.reversals)

          const drift = await db.rawQuery(
            `SELECT l.account_id FROM finance.entry_lines l WHERE l.organization_id = ? GROUP BY l.account_id
           HAVING sum(l.debit_minor) <> (SELECT sum(debit_minor) FROM finance.daily_balances d WHERE d.organization_id = ? AND d.account_id = l.account_id)
             OR sum(l.reporting_credit_minor) <> (SELECT sum(reporting_credit_minor) FROM finance.daily_balances d WHERE d.organization_id = ? AND d.account_id = l.account_id)`,
            [organization.id, organization.id, organization.id]
          )
          assert.lengthOf(drift.rows, 0, 'rollups follow the lines')

          for (const view of ['book', 'reporting'] as const) {
            const query = {
              organizationId: organization.id,
              from: '2026-01-01',
              to: '2026-12-31',
              view,
              client: db.connection(),
            }
            const trial = await trialBalance(query)
            assert.equal(trial.totals.debit, trial.totals.credit)
            assert.equal(new Decimal(trial.totals.closing).toString(), '0')
            const income = await incomeStatement(query)
            const expected = await resultFromLines(organization.id, view)
            const currency = view === 'book' ? 'CDF' : 'USD'
            assert.equal(
              income.netIncome,
              new Decimal(expected.toString()).div(100).toFixed(2),
              `${view} net result, ${currency}`
            )
            const sheet = await balanceSheet({ ...query, to: '2026-12-31' })
            assert.equal(sheet.totalAssets, sheet.totalLiabilities)
            assert.equal(sheet.result, income.netIncome)
          }
        }
      ),
      { numRuns: 20, seed: 20260308, endOnFailure: true }
    )
    // Thousands of invoices, credit notes, payments, reversals and expenses over the runs.
    assert.isAbove(played, 1500)
  })
})

import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { Decimal, formatAmount, toMinorUnits } from '@ia/kernel/contracts'
import { currenciesService } from '@ia/currencies/contracts'
import type {
  CreditNoteIssued,
  InvoiceIssued,
  IssuedDocumentFacts,
  PaymentRecorded,
  PaymentReversed,
} from '@ia/invoicing/contracts'
import { ledgerPosting, type LedgerLineInput } from './ledger_posting.ts'
import { SME_ACCOUNTS } from './sme_accounts.ts'
import { resolveTreasury } from './treasury_resolver.ts'

/** The source types invoicing's entries carry. */
export const INVOICING_SOURCES = {
  invoice: 'invoicing.invoice',
  creditNote: 'invoicing.credit_note',
  payment: 'invoicing.payment',
} as const

type LedgerState = { lockDate: string | null; salesAccount: string }

/** The organisation's ledger, or null when it has not enabled finance (nothing to book then). */
async function ledgerState(
  client: TransactionClientContract,
  organizationId: string
): Promise<LedgerState | null> {
  const row = await client
    .from('finance.settings')
    .where('organization_id', organizationId)
    .select(client.raw("to_char(lock_date, 'YYYY-MM-DD') as lock_date"), 'sales_account')
    .first()
  return row ? { lockDate: row.lock_date, salesAccount: row.sales_account } : null
}

/** A document dated in a locked period is booked on the first open day, as an auditor expects. */
function openDate(date: string, lockDate: string | null) {
  if (!lockDate || date > lockDate) return date
  return DateTime.fromISO(lockDate).plus({ days: 1 }).toISODate()!
}

function documentLines(
  facts: IssuedDocumentFacts,
  salesAccount: string,
  direction: 'invoice' | 'credit'
): LedgerLineInput[] {
  const customerSide = direction === 'invoice' ? 'debit' : 'credit'
  const revenueSide = direction === 'invoice' ? 'credit' : 'debit'
  const matchRef =
    'creditedDocumentId' in facts
      ? (facts as CreditNoteIssued).creditedDocumentId
      : facts.documentId
  const lines: LedgerLineInput[] = [
    {
      account: SME_ACCOUNTS.customers,
      [customerSide]: facts.total,
      description: facts.number,
      partnerId: facts.customerId,
      matchRef,
      dueDate: facts.dueDate,
    },
  ]
  for (const group of facts.taxGroups) {
    if (new Decimal(group.base).gt(0))
      lines.push({
        account: salesAccount,
        [revenueSide]: group.base,
        description: facts.number,
        taxGroup: group.taxGroup,
      })
    if (new Decimal(group.tax).gt(0))
      lines.push({
        account: SME_ACCOUNTS.vatCollected,
        [revenueSide]: group.tax,
        description: facts.number,
        taxGroup: group.taxGroup,
      })
  }
  return lines
}

/** Whether the source already has its entry: a second event about it (re-published by hand) books nothing. */
async function alreadyBooked(
  client: TransactionClientContract,
  organizationId: string,
  source: { type: string; id: string }
) {
  const entry = await client
    .from('finance.entries')
    .where({ organization_id: organizationId, source_type: source.type, source_id: source.id })
    .whereNull('reverses_entry_id')
    .select('id')
    .first()
  return Boolean(entry)
}

async function bookDocument(
  client: TransactionClientContract,
  organizationId: string,
  facts: IssuedDocumentFacts,
  sourceType: string,
  direction: 'invoice' | 'credit'
) {
  const state = await ledgerState(client, organizationId)
  // A document of nothing (free items only) moves no account.
  if (!state || new Decimal(facts.total).isZero()) return null
  if (await alreadyBooked(client, organizationId, { type: sourceType, id: facts.documentId }))
    return null
  return ledgerPosting.post(client, organizationId, {
    journal: 'VT',
    date: openDate(facts.issueDate, state.lockDate),
    description: `${facts.number} ${facts.customerName}`.slice(0, 300),
    currency: facts.currency,
    bookRate: facts.bookCurrency === facts.currency ? undefined : facts.bookRate,
    source: { type: sourceType, id: facts.documentId },
    lines: documentLines(facts, state.salesAccount, direction),
  })
}

/**
 * Books invoicing's facts into the ledger, each in the handling transaction of its event: the
 * platform records that the finance consumer handled the event in that same transaction, so a
 * replayed event books nothing; the unique source reference of an entry is the second wall.
 */
export const invoicingBooking = {
  /** 4111 (total) against the sales account (base) and 4431 (tax), per DGI tax group, at the invoice's book rate. */
  invoiceIssued(client: TransactionClientContract, organizationId: string, facts: InvoiceIssued) {
    return bookDocument(client, organizationId, facts, INVOICING_SOURCES.invoice, 'invoice')
  },

  /** The mirror of an invoice: sales and 4431 debited, 4111 credited against the credited invoice. */
  creditNoteIssued(
    client: TransactionClientContract,
    organizationId: string,
    facts: CreditNoteIssued
  ) {
    return bookDocument(client, organizationId, facts, INVOICING_SOURCES.creditNote, 'credit')
  },

  /**
   * The treasury account (chosen by payment method) debited with the money received at the day's
   * rate; 4111 credited with what each invoice was carried at; the difference to 776 (gain) or 676 (loss).
   */
  async paymentRecorded(
    client: TransactionClientContract,
    organizationId: string,
    facts: PaymentRecorded
  ) {
    const state = await ledgerState(client, organizationId)
    if (!state) return null
    const source = { type: INVOICING_SOURCES.payment, id: facts.paymentId }
    if (await alreadyBooked(client, organizationId, source)) return null
    const { bookCurrency } = facts
    const date = openDate(facts.receivedOn, state.lockDate)
    const worth = async (amount: string) =>
      facts.currency === bookCurrency
        ? amount
        : (
            await currenciesService.convert(
              organizationId,
              toMinorUnits(amount, facts.currency),
              facts.currency,
              bookCurrency,
              facts.receivedOn,
              { client }
            )
          ).amount
    const treasury = await resolveTreasury({
      organizationId,
      method: facts.method,
      currency: facts.currency,
      client,
    })

    const lines: LedgerLineInput[] = []
    let received = new Decimal(0)
    let settled = new Decimal(0)
    for (const allocation of facts.allocations) {
      const allocationWorth = new Decimal(await worth(allocation.amount))
      received = received.plus(allocationWorth)
      settled = settled.plus(allocation.amount)
      lines.push({
        account: SME_ACCOUNTS.customers,
        credit: allocation.applied,
        currency: allocation.currency,
        bookAmount: formatAmount(
          allocationWorth.minus(allocation.exchangeDifference),
          bookCurrency
        ),
        description: allocation.number,
        partnerId: facts.customerId,
        matchRef: allocation.documentId,
      })
    }
    const unapplied = new Decimal(facts.amount).minus(settled)
    if (unapplied.gt(0)) {
      const unappliedWorth = new Decimal(await worth(unapplied.toString()))
      received = received.plus(unappliedWorth)
      lines.push({
        account: SME_ACCOUNTS.customers,
        credit: formatAmount(unapplied, facts.currency),
        currency: facts.currency,
        bookAmount: formatAmount(unappliedWorth, bookCurrency),
        partnerId: facts.customerId,
      })
    }
    lines.unshift({
      account: treasury.account,
      debit: facts.amount,
      currency: facts.currency,
      bookAmount: formatAmount(received, bookCurrency),
      description: facts.reference,
    })
    const difference = new Decimal(facts.exchangeDifference)
    if (!difference.isZero())
      lines.push({
        account: difference.gt(0) ? SME_ACCOUNTS.exchangeGain : SME_ACCOUNTS.exchangeLoss,
        [difference.gt(0) ? 'credit' : 'debit']: formatAmount(difference.abs(), bookCurrency),
        currency: bookCurrency,
      })
    const posted = await ledgerPosting.post(client, organizationId, {
      journal: treasury.journal,
      date,
      description: facts.reference ?? facts.allocations.map((a) => a.number).join(', '),
      currency: facts.currency,
      source,
      lines,
    })
    // Its reversal came first: it is carried out now that there is an entry to reverse.
    const deferredWhere = {
      organization_id: organizationId,
      source_type: source.type,
      source_id: source.id,
    }
    const deferred = await client
      .from('finance.deferred_reversals')
      .where(deferredWhere)
      .select('description', client.raw("to_char(reversed_on, 'YYYY-MM-DD') as reversed_on"))
      .first()
    if (deferred) {
      await client.from('finance.deferred_reversals').where(deferredWhere).delete()
      await ledgerPosting.reverse(client, organizationId, posted.id, {
        date: [openDate(deferred.reversed_on, state.lockDate), date].sort().at(-1)!,
        description: deferred.description,
      })
    }
    return posted
  },

  /** The payment's entry reversed on the day the reversal happened (or the first open day). */
  async paymentReversed(
    client: TransactionClientContract,
    organizationId: string,
    facts: PaymentReversed,
    occurredAt: string
  ) {
    const state = await ledgerState(client, organizationId)
    if (!state) return null
    const entry = await client
      .from('finance.entries')
      .where({
        organization_id: organizationId,
        source_type: INVOICING_SOURCES.payment,
        source_id: facts.paymentId,
      })
      .whereNull('reverses_entry_id')
      .select('id')
      .first()
    // Not booked yet: the payment's own event may come later (events are not ordered), or never (a
    // payment recorded before the organisation enabled finance). Kept, and reversed if it comes.
    if (!entry) {
      await client
        .table('finance.deferred_reversals')
        .insert({
          organization_id: organizationId,
          source_type: INVOICING_SOURCES.payment,
          source_id: facts.paymentId,
          description: facts.reason.slice(0, 300),
          reversed_on: DateTime.fromISO(occurredAt, { zone: 'utc' }).toISODate(),
        })
        .onConflict(['organization_id', 'source_type', 'source_id'])
        .ignore()
      return null
    }
    const reversal = await client
      .from('finance.entries')
      .where({ organization_id: organizationId, reverses_entry_id: entry.id })
      .first()
    if (reversal) return null
    const day = DateTime.fromISO(occurredAt, { zone: 'utc' }).toISODate()!
    return ledgerPosting.reverse(client, organizationId, entry.id, {
      date: openDate(day, state.lockDate),
      description: facts.reason.slice(0, 300),
    })
  },
}

import { defineSerializer, isoTimestamp, Type, wire } from '@ia/kernel/contracts'
import type RecurringInvoice from '../models/recurring_invoice.ts'
import { RECURRING_FREQUENCIES, RECURRING_STATUSES } from '../models/recurring_invoice.ts'

const dateOrNull = (description: string) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date', description })

/** A recurring invoice with where it stands. */
export const serializeRecurringInvoice = defineSerializer(
  'InvoicingRecurringInvoice',
  Type.Object(
    {
      id: wire.uuid(),
      customerId: wire.uuid(),
      customerName: Type.String(),
      frequency: wire.oneOf(RECURRING_FREQUENCIES),
      startDate: Type.String({ format: 'date' }),
      endDate: dateOrNull('The last day an occurrence may fall on; null: until ended by hand.'),
      nextIssueDate: dateOrNull('The next occurrence the daily job issues; null once ended.'),
      issuedCount: Type.Integer({ description: 'Occurrences issued so far.' }),
      status: wire.oneOf(RECURRING_STATUSES),
      currency: Type.String(),
      paymentTermsDays: Type.Integer(),
      notes: wire.text(),
      lines: Type.Array(
        Type.Object({
          productId: Type.Optional(
            Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'uuid' })
          ),
          description: Type.Optional(Type.String()),
          quantity: Type.String(),
          unit: Type.Optional(wire.text()),
          unitPrice: Type.Optional(Type.String()),
          discountPercent: Type.Optional(wire.text()),
          discountAmount: Type.Optional(wire.text()),
          taxGroup: Type.Optional(Type.String()),
        }),
        {
          description:
            'The lines as given; priced with the rates of the day each invoice is issued.',
        }
      ),
      sendByEmail: Type.Boolean({
        description:
          'Each issued invoice is emailed to the customer at once; a customer without an email address gets none, and the invoice’s timeline says so (`email_skipped`).',
      }),
      lastError: wire.text(
        'Why the last due occurrence could not be issued (an error code); the next daily run tries again.'
      ),
      createdAt: wire.dateTime(),
    },
    { description: 'An invoice issued again every month, quarter or year.' }
  ),
  (template: RecurringInvoice) => ({
    id: template.id,
    customerId: template.customerId,
    customerName: template.customerName,
    frequency: template.frequency,
    startDate: template.startDate.toISODate()!,
    endDate: template.endDate?.toISODate() ?? null,
    nextIssueDate: template.nextIssueDate?.toISODate() ?? null,
    issuedCount: template.issuedCount,
    status: template.status,
    currency: template.currency,
    paymentTermsDays: template.paymentTermsDays,
    notes: template.notes,
    lines: template.lines,
    sendByEmail: template.sendByEmail,
    lastError: template.lastError,
    createdAt: isoTimestamp(template.createdAt),
  })
)

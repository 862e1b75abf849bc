import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  auditLog,
  convertAmount,
  events,
  fitsCurrency,
  fromMinorUnits,
  tenantContext,
  toMinorUnits,
} from '@ia/kernel/contracts'
import { currenciesService } from '@ia/currencies/contracts'
import Document, { OPEN_STATUSES } from '../models/document.ts'
import Payment, { type PaymentMethod } from '../models/payment.ts'
import PaymentAllocation from '../models/payment_allocation.ts'
import { invoicingErrors } from '../errors.ts'
import { balanceMinor, settledStatus, today } from '../services/settlement.ts'
import { recordTimeline } from '../services/timeline.ts'
import { paymentFacts } from '../services/ledger_facts.ts'
import type { Actor } from '../services/drafts.ts'

/** Who records a payment: a user, or nobody when a payment service confirmed it (a mobile-money callback). */
export type PaymentActor = Actor | { userId: null; ip: string | null }

/** A payment as the user records it: each part names an invoice and an amount of the payment's currency. */
export type PaymentInput = {
  method: PaymentMethod
  reference?: string | null
  receivedOn?: string
  currency: string
  allocations: Array<{ documentId: string; amount: string }>
  /** Made by the sample data (never from the API): the one kind of payment that may be deleted, with the sample data. */
  sample?: boolean
}

/**
 * Records money received against one or several open invoices of one customer, in the caller's
 * transaction. A part in another currency settles the invoice at the payment date's rate, and the
 * exchange difference (in the book currency, against the invoice's issue rate) is kept. A part above
 * what the invoice still owes is refused: nothing is recorded.
 */
export class RecordPayment {
  async handle(trx: TransactionClientContract, input: PaymentInput, actor: PaymentActor) {
    const organizationId = tenantContext.require()
    const options = { client: trx }
    await currenciesService.assertCurrencyUsed(organizationId, input.currency, {
      ...options,
      field: 'currency',
    })
    const bookCurrency = await currenciesService.defaultCurrency(organizationId, options)
    const receivedOn = input.receivedOn ?? today()
    const ids = input.allocations.map((allocation) => allocation.documentId)
    // Locked in one order, so two payments touching the same invoices queue instead of deadlocking.
    const invoices = new Map(
      (
        await Document.query({ client: trx })
          .whereIn('id', ids)
          .where('kind', 'invoice')
          .orderBy('id')
          .forUpdate()
      ).map((invoice) => [invoice.id, invoice])
    )

    const parts: Array<{
      invoice: Document
      amountMinor: bigint
      appliedMinor: bigint
      exchangeRate: string | null
      exchangeDifferenceMinor: bigint
    }> = []
    for (const [index, allocation] of input.allocations.entries()) {
      const field = (name: string) => `allocations.${index}.${name}`
      if (ids.indexOf(allocation.documentId) !== index)
        throw invoicingErrors.paymentDuplicateDocument(field('documentId'))
      const invoice = invoices.get(allocation.documentId)
      if (!invoice || !OPEN_STATUSES.includes(invoice.status))
        throw invoicingErrors.paymentDocumentInvalid(field('documentId'))
      if (invoice.customerId !== invoices.get(ids[0])?.customerId)
        throw invoicingErrors.paymentCustomerMismatch(field('documentId'))
      if (!fitsCurrency(allocation.amount, input.currency))
        throw invoicingErrors.amountDigits(field('amount'), input.currency)
      const amountMinor = toMinorUnits(allocation.amount, input.currency)
      if (amountMinor <= 0n) throw invoicingErrors.paymentAmountZero(field('amount'))
      const conversion =
        input.currency === invoice.currency
          ? null
          : await currenciesService.convert(
              organizationId,
              amountMinor,
              input.currency,
              invoice.currency,
              receivedOn,
              { ...options, field: field('amount') }
            )
      const appliedMinor = conversion ? conversion.amountMinor : amountMinor
      if (appliedMinor > balanceMinor(invoice)) {
        throw invoicingErrors.paymentAboveBalance(
          field('amount'),
          fromMinorUnits(balanceMinor(invoice), invoice.currency),
          invoice.currency
        )
      }
      const worthNow =
        input.currency === bookCurrency
          ? amountMinor
          : (
              await currenciesService.convert(
                organizationId,
                amountMinor,
                input.currency,
                bookCurrency,
                receivedOn,
                { ...options, field: field('amount') }
              )
            ).amountMinor
      const worthAtIssue = toMinorUnits(
        convertAmount(
          fromMinorUnits(appliedMinor, invoice.currency),
          invoice.bookRate!,
          bookCurrency
        ),
        bookCurrency
      )
      parts.push({
        invoice,
        amountMinor,
        appliedMinor,
        exchangeRate: conversion?.rate.rate ?? null,
        exchangeDifferenceMinor: worthNow - worthAtIssue,
      })
    }

    const sum = (pick: (part: (typeof parts)[number]) => bigint) =>
      parts.reduce((total, part) => total + pick(part), 0n).toString()
    const payment = await Payment.create(
      {
        method: input.method,
        reference: input.reference ?? null,
        receivedOn: DateTime.fromISO(receivedOn),
        currency: input.currency,
        amountMinor: sum((part) => part.amountMinor),
        bookCurrency,
        exchangeDifferenceMinor: sum((part) => part.exchangeDifferenceMinor),
        customerId: parts[0].invoice.customerId,
        createdBy: actor.userId,
        sample: input.sample ?? false,
      },
      { client: trx }
    )
    const allocations = await PaymentAllocation.createMany(
      parts.map((part) => ({
        paymentId: payment.id,
        documentId: part.invoice.id,
        amountMinor: part.amountMinor.toString(),
        appliedMinor: part.appliedMinor.toString(),
        exchangeRate: part.exchangeRate,
        exchangeDifferenceMinor: part.exchangeDifferenceMinor.toString(),
      })),
      { client: trx }
    )
    for (const part of parts) {
      part.invoice.paidMinor = (BigInt(part.invoice.paidMinor) + part.appliedMinor).toString()
      part.invoice.status = settledStatus(part.invoice)
      await part.invoice.useTransaction(trx).save()
      await recordTimeline(trx, {
        organizationId,
        documentId: part.invoice.id,
        action: 'payment_recorded',
        actorId: actor.userId,
        data: {
          paymentId: payment.id,
          method: payment.method,
          applied: fromMinorUnits(part.appliedMinor, part.invoice.currency),
        },
      })
    }
    await auditLog.record(
      {
        organizationId,
        actorId: actor.userId,
        action: 'payment.recorded',
        subjectType: 'payment',
        subjectId: payment.id,
        metadata: {
          amount: fromMinorUnits(payment.amountMinor, payment.currency),
          currency: payment.currency,
        },
        ip: actor.ip,
      },
      trx
    )
    await events.publish(
      'invoicing.payment.recorded',
      paymentFacts(payment, allocations, invoices),
      { client: trx, organizationId }
    )
    return payment
  }
}

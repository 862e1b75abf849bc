import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  auditLog,
  convertAmount,
  events,
  fromMinorUnits,
  notFound,
  organizations,
  tenantContext,
  toMinorUnits,
} from '@ia/kernel/contracts'
import { currenciesService } from '@ia/currencies/contracts'
import type { ContactSummary } from '@ia/contacts/contracts'
import Document, { type PartySnapshot } from '../models/document.ts'
import DocumentLine from '../models/document_line.ts'
import { invoicingErrors } from '../errors.ts'
import { takeNextNumber } from '../services/numbering.ts'
import { balanceMinor, settledStatus, today } from '../services/settlement.ts'
import { lineInputOf, replaceLines, resolveDraft, type Actor } from '../services/drafts.ts'
import { loadCreditableInvoice } from '../services/credit_notes.ts'
import { recordTimeline } from '../services/timeline.ts'
import { documentFacts } from '../services/ledger_facts.ts'

function customerSnapshot(customer: ContactSummary): PartySnapshot {
  const { name, rccm, idNat, nif, address, city, country, email, phone } = customer
  return { name, rccm, idNat, nif, address, city, country, email, phone }
}

/**
 * Issues a draft in the caller's transaction: dated today, priced anew with today's tax rates (a
 * credit note with its invoice's), the reporting-currency equivalent at the day's rate (a credit note
 * at its invoice's), the next number of its series, both parties' legal mentions frozen. From then on
 * the database refuses any change to it. A credit note reduces what its invoice still owes.
 */
export class IssueDocument {
  /** `backdatedTo` is for the sample data only (a lived-in history): never reachable from the API. */
  async handle(
    trx: TransactionClientContract,
    documentId: string,
    actor: Actor,
    backdatedTo?: string
  ) {
    const organizationId = tenantContext.require()
    const document = await Document.query({ client: trx })
      .where('id', documentId)
      .forUpdate()
      .first()
    if (!document) throw notFound()
    if (document.status !== 'draft') throw invoicingErrors.notDraft(document.number)
    const credited =
      document.kind === 'credit_note'
        ? await loadCreditableInvoice(trx, document.creditedDocumentId)
        : null

    const stored = await DocumentLine.query({ client: trx })
      .where('document_id', document.id)
      .orderBy('position')
    if (!stored.length) throw invoicingErrors.noLines()
    const issueDate = backdatedTo ?? today()
    const { attributes, priced, customer } = await resolveDraft(
      trx,
      organizationId,
      document.kind,
      {
        customerId: document.customerId,
        issueDate,
        paymentTermsDays: document.paymentTermsDays,
        validUntil: document.validUntil?.toISODate() ?? null,
        currency: document.currency,
        invoiceType: document.invoiceType,
        clientCategory: document.clientCategory,
        notes: document.notes,
        lines: stored.map(lineInputOf),
      },
      credited
    )
    if (credited && BigInt(priced.totalMinor) > balanceMinor(credited)) {
      throw invoicingErrors.creditAboveBalance(
        fromMinorUnits(balanceMinor(credited), credited.currency),
        credited.currency
      )
    }

    const rate = credited
      ? {
          rate: credited.exchangeRate!,
          date: credited.exchangeRateDate!.toISODate()!,
          source: credited.exchangeRateSource,
        }
      : await currenciesService.rateAt(
          organizationId,
          attributes.currency,
          attributes.reportingCurrency,
          issueDate,
          { client: trx, field: 'currency' }
        )
    const settings = await currenciesService.settings(organizationId, { client: trx })
    const bookRate = credited
      ? credited.bookRate!
      : (
          await currenciesService.rateAt(
            organizationId,
            attributes.currency,
            settings.defaultCurrency,
            issueDate,
            { client: trx, field: 'currency' }
          )
        ).rate
    const reportingTotal = convertAmount(
      fromMinorUnits(priced.totalMinor, attributes.currency),
      rate.rate,
      attributes.reportingCurrency
    )
    const seller = await organizations.find(organizationId, trx)
    // The number is taken last before the writes: the counter row stays locked for as short a time as possible.
    const year = DateTime.fromISO(issueDate).year
    const number = await takeNextNumber(trx, organizationId, document.kind, year)
    await replaceLines(trx, document, priced)
    const now = DateTime.now()
    document.merge({
      ...attributes,
      status: 'issued',
      number,
      exchangeRate: rate.rate,
      exchangeRateDate: DateTime.fromISO(rate.date),
      exchangeRateSource: rate.source,
      bookCurrency: credited?.bookCurrency ?? settings.defaultCurrency,
      bookRate,
      reportingTotalMinor: toMinorUnits(reportingTotal, attributes.reportingCurrency).toString(),
      customerSnapshot: customerSnapshot(customer),
      sellerSnapshot: seller && {
        name: seller.name,
        legalName: seller.legalName,
        rccm: seller.rccm,
        idNat: seller.idNat,
        nif: seller.nif,
        address: seller.address,
        city: seller.city,
        country: seller.country,
        email: seller.email,
        phone: seller.phone,
      },
      issuedBy: actor.userId,
      issuedAt: now,
    })
    await document.useTransaction(trx).save()
    await recordTimeline(trx, {
      organizationId,
      documentId: document.id,
      action: 'issued',
      actorId: actor.userId,
      data: { number },
    })
    await auditLog.record(
      {
        organizationId,
        actorId: actor.userId,
        action: `${document.kind}.issued`,
        subjectType: document.kind,
        subjectId: document.id,
        metadata: { number },
        ip: actor.ip,
      },
      trx
    )

    if (credited) {
      credited.creditedMinor = (
        BigInt(credited.creditedMinor) + BigInt(document.totalMinor)
      ).toString()
      credited.status = settledStatus(credited)
      if (credited.status === 'cancelled') credited.cancelledAt = now
      await credited.useTransaction(trx).save()
      await recordTimeline(trx, {
        organizationId,
        documentId: credited.id,
        action: 'credited',
        actorId: actor.userId,
        data: { creditNote: number, creditNoteId: document.id },
      })
      await events.publish(
        'invoicing.credit_note.issued',
        {
          ...documentFacts(document),
          creditedDocumentId: credited.id,
          creditedNumber: credited.number!,
        },
        { client: trx, organizationId }
      )
    } else if (document.kind === 'invoice') {
      await events.publish('invoicing.invoice.issued', documentFacts(document), {
        client: trx,
        organizationId,
      })
    }
    return document
  }
}

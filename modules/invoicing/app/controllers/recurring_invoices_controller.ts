import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { auditLog, authorize, notFound, tenantContext } from '@ia/kernel/contracts'
import RecurringInvoice, { type RecurringStatus } from '../models/recurring_invoice.ts'
import { SaveDraft } from '../actions/save_draft.ts'
import { invoicingErrors } from '../errors.ts'
import { nextOccurrence } from '../services/recurring.ts'
import { today } from '../services/settlement.ts'
import { serializeRecurringInvoice } from '../transformers/recurring_transformer.ts'
import { createRecurringValidator, listRecurringValidator } from '../validators/documents.ts'
import { actorOf, isoDateOf } from './http.ts'

/** How many recurring invoices a list shows at most: an organisation has a handful, not thousands. */
const LIST_LIMIT = 500

/** Recurring invoices: made, listed, paused, resumed and ended; the daily job issues them. */
export default class RecurringInvoicesController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.read')
    const { status } = await ctx.request.validateUsing(listRecurringValidator, {
      data: ctx.request.qs(),
    })
    const query = RecurringInvoice.query()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(LIST_LIMIT)
    if (status) query.where('status', status)
    return { data: (await query).map(serializeRecurringInvoice) }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.read')
    return { recurringInvoice: serializeRecurringInvoice(await this.#find(ctx)) }
  }

  /** Checks the template as a draft invoice would be (customer, currency, products, tax groups): the same 422s. */
  async store(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.issue')
    const { startDate, endDate, sendByEmail, ...fields } =
      await ctx.request.validateUsing(createRecurringValidator)
    const start = isoDateOf(startDate)
    const end = isoDateOf(endDate) ?? null
    if (start < today()) throw invoicingErrors.recurringStartPast()
    if (end && end < start) throw invoicingErrors.recurringEndBeforeStart()
    const actor = actorOf(ctx)
    const template = await db.transaction(async (trx) => {
      const { attributes } = await new SaveDraft().prepare(trx, 'invoice', {
        ...fields,
        issueDate: start,
      })
      const created = await RecurringInvoice.create(
        {
          customerId: attributes.customerId,
          customerName: attributes.customerName,
          frequency: fields.frequency,
          startDate: DateTime.fromISO(start),
          endDate: end ? DateTime.fromISO(end) : null,
          nextIssueDate: DateTime.fromISO(start),
          issuedCount: 0,
          status: 'active',
          currency: attributes.currency,
          paymentTermsDays: attributes.paymentTermsDays,
          clientCategory: fields.clientCategory ?? null,
          notes: attributes.notes,
          lines: fields.lines,
          sendByEmail: sendByEmail ?? false,
          createdBy: actor.userId,
        },
        { client: trx }
      )
      await this.#audit(trx, created, 'created', actor)
      return created
    })
    return ctx.response.created({ recurringInvoice: serializeRecurringInvoice(template) })
  }

  async pause(ctx: HttpContext) {
    return this.#change(ctx, 'paused')
  }

  async resume(ctx: HttpContext) {
    return this.#change(ctx, 'active')
  }

  async end(ctx: HttpContext) {
    return this.#change(ctx, 'ended')
  }

  /**
   * Pausing keeps the template's place: resumed, it issues the occurrences it missed meanwhile (as after
   * a downtime) unless they fall after its end. Ending is final.
   */
  async #change(ctx: HttpContext, status: RecurringStatus) {
    await authorize(ctx, 'invoicing.invoice.issue')
    const actor = actorOf(ctx)
    const template = await db.transaction(async (trx) => {
      const found = await RecurringInvoice.query({ client: trx })
        .where('id', ctx.params.recurringId)
        .forUpdate()
        .first()
      if (!found) throw notFound()
      if (found.status === status) return found
      if (found.status === 'ended') throw invoicingErrors.recurringEnded()
      found.status = status
      if (status === 'ended') found.nextIssueDate = null
      else if (status === 'active') found.nextIssueDate = nextOccurrence(found, found.issuedCount)
      if (status === 'active' && !found.nextIssueDate) found.status = 'ended'
      await found.useTransaction(trx).save()
      await this.#audit(trx, found, status === 'active' ? 'resumed' : status, actor)
      return found
    })
    return { recurringInvoice: serializeRecurringInvoice(template) }
  }

  async #find(ctx: HttpContext) {
    const template = await RecurringInvoice.find(ctx.params.recurringId)
    if (!template) throw notFound()
    return template
  }

  #audit(
    trx: Parameters<typeof auditLog.record>[1],
    template: RecurringInvoice,
    action: string,
    actor: ReturnType<typeof actorOf>
  ) {
    return auditLog.record(
      {
        organizationId: tenantContext.require(),
        actorId: actor.userId,
        action: `recurring_invoice.${action}`,
        subjectType: 'recurring_invoice',
        subjectId: template.id,
        metadata: { customer: template.customerName, frequency: template.frequency },
        ip: actor.ip,
      },
      trx
    )
  }
}

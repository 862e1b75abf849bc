import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { auditLog, authorize, jobs, notFound, tenantContext } from '@ia/kernel/contracts'
import { invoicingQueries } from '@ia/invoicing/contracts'
import { FiscalDeviceError } from '../ports/fiscal_device.ts'
import { deviceRow, encryptToken, fiscalDeviceOf } from '../services/devices.ts'
import { fiscalErrors } from '../errors.ts'
import { listNormalisationsValidator, updateDeviceValidator } from '../validators/fiscal.ts'
import {
  serializeDevice,
  serializeDeviceStatus,
  serializeNormalisation,
} from '../transformers/fiscal_transformer.ts'
import { NORMALISE_JOB, type NormalisePayload } from '../jobs/normalise_device.ts'

/** The organisation's fiscal device (e-MCF settings, status check) and its normalisation queue. */
export default class FiscalController {
  async show(ctx: HttpContext) {
    await authorize(ctx, 'fiscal.settings.read')
    const organizationId = tenantContext.require()
    return { settings: serializeDevice(await deviceRow(organizationId)) }
  }

  /** Saves the device settings; the token only when given (it is never answered). Switching on queues a run. */
  async update(ctx: HttpContext) {
    await authorize(ctx, 'fiscal.settings.manage')
    const input = await ctx.request.validateUsing(updateDeviceValidator)
    const organizationId = tenantContext.require()
    const row = await db.transaction(async (trx) => {
      const current = await deviceRow(organizationId, trx)
      if (!current && !input.token) throw fiscalErrors.tokenRequired()
      const now = new Date()
      const values = {
        enabled: input.enabled,
        enabled_at: input.enabled ? (current?.enabled ? current.enabled_at : now) : null,
        environment: input.environment,
        base_url: input.baseUrl,
        nif: input.nif,
        isf: input.isf,
        operator_name: input.operatorName ?? null,
        ...(input.token && { token_encrypted: encryptToken(input.token) }),
        updated_at: now,
      }
      if (current) {
        await trx.from('fiscal.devices').where('organization_id', organizationId).update(values)
      } else {
        await trx
          .table('fiscal.devices')
          .insert({ ...values, organization_id: organizationId, created_at: now })
      }
      await auditLog.record(
        {
          organizationId,
          actorId: ctx.auth.user!.id,
          action: 'fiscal.device.updated',
          subjectType: 'fiscal_device',
          subjectId: organizationId,
          metadata: {
            enabled: input.enabled,
            environment: input.environment,
            nif: input.nif,
            isf: input.isf,
            tokenChanged: Boolean(input.token),
          },
          ip: ctx.request.ip(),
        },
        trx
      )
      if (input.enabled)
        await jobs.dispatch<NormalisePayload>(
          NORMALISE_JOB,
          { organizationId },
          { client: trx, organizationId }
        )
      return deviceRow(organizationId, trx)
    })
    return { settings: serializeDevice(row) }
  }

  /** Asks the e-MCF `GET /info/status` with the stored settings. */
  async check(ctx: HttpContext) {
    await authorize(ctx, 'fiscal.settings.manage')
    const row = await deviceRow(tenantContext.require())
    if (!row) throw fiscalErrors.notConfigured()
    try {
      return { status: serializeDeviceStatus(await fiscalDeviceOf(row, 10_000).status()) }
    } catch (error) {
      if (!(error instanceof FiscalDeviceError)) throw error
      if (error.kind === 'unauthorized') throw fiscalErrors.tokenRefused(error.message)
      throw fiscalErrors.deviceUnavailable(error.message)
    }
  }

  /** The last 200 normalisations, newest first, optionally of one status. */
  async index(ctx: HttpContext) {
    await authorize(ctx, 'fiscal.normalisation.read')
    const { status } = await ctx.request.validateUsing(listNormalisationsValidator, {
      data: ctx.request.qs(),
    })
    const query = db
      .from('fiscal.normalisations')
      .where('organization_id', tenantContext.require())
      .orderBy('sequence', 'desc')
      .limit(200)
    if (status) query.where('status', status)
    return { data: (await query).map(serializeNormalisation) }
  }

  /** The normalisation of one of the organisation's documents; null when it has none (a draft, a quote, issued before normalisation was on). */
  async forDocument(ctx: HttpContext) {
    await authorize(ctx, 'fiscal.normalisation.read')
    const organizationId = tenantContext.require()
    if (!(await invoicingQueries.hasDocument(organizationId, ctx.params.documentId)))
      throw notFound()
    const row = await db
      .from('fiscal.normalisations')
      .where({ organization_id: organizationId, document_id: ctx.params.documentId })
      .first()
    return { normalisation: row ? serializeNormalisation(row) : null }
  }

  /** Tries a failed normalisation again (after the device's settings were fixed), at the end of the queue's order. */
  async retry(ctx: HttpContext) {
    await authorize(ctx, 'fiscal.normalisation.retry')
    const organizationId = tenantContext.require()
    const row = await db.transaction(async (trx) => {
      const found = await trx
        .from('fiscal.normalisations')
        .where({ organization_id: organizationId, id: ctx.params.normalisationId })
        .forUpdate()
        .first()
      if (!found) throw notFound()
      if (found.status !== 'failed') throw fiscalErrors.notRetryable()
      await trx
        .from('fiscal.normalisations')
        .where({ organization_id: organizationId, id: found.id })
        .update({
          status: 'awaiting',
          error_code: null,
          error_message: null,
          updated_at: new Date(),
        })
      await jobs.dispatch<NormalisePayload>(
        NORMALISE_JOB,
        { organizationId },
        { client: trx, organizationId }
      )
      return trx.from('fiscal.normalisations').where('id', found.id).first()
    })
    return { normalisation: serializeNormalisation(row) }
  }

  /** Runs the queue now instead of waiting for the next try. */
  async drain(ctx: HttpContext) {
    await authorize(ctx, 'fiscal.normalisation.retry')
    const organizationId = tenantContext.require()
    if (!(await deviceRow(organizationId))?.enabled) throw fiscalErrors.notConfigured()
    const jobId = await jobs.dispatch<NormalisePayload>(
      NORMALISE_JOB,
      { organizationId },
      { organizationId, userId: ctx.auth.user!.id }
    )
    return ctx.response.accepted({ jobId })
  }
}

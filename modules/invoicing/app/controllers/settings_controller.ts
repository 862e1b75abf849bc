import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { auditLog, authorize, notFound, tenantContext } from '@ia/kernel/contracts'
import TaxGroup, { TAX_GROUP_CODES } from '../models/tax_group.ts'
import TaxRate from '../models/tax_rate.ts'
import { DOCUMENT_KINDS, type DocumentKind } from '../models/document.ts'
import {
  addTaxRateValidator,
  invoicingSettingsValidator,
  reminderSettingsValidator,
  seriesFormatValidator,
} from '../validators/catalogue.ts'
import { reminderSettings } from '../services/reminders.ts'
import {
  serializeInvoicingSettings,
  serializeSeries,
  serializeTaxGroup,
} from '../transformers/catalogue_transformer.ts'
import { readInvoicingSettings, saveInvoicingSettings } from '../services/invoicing_settings.ts'
import { invoicingErrors } from '../errors.ts'
import { DEFAULT_SERIES_FORMATS, formatNumber, isSeriesFormat } from '../services/numbering.ts'
import { today } from '../services/settlement.ts'
import { actorOf, isoDateOf } from './http.ts'

/** The rate of a group valid on `date` among its periods: the one that started last. */
function rateOn(group: TaxGroup, date: string) {
  const covering = group.rates.filter(
    (rate) =>
      rate.validFrom.toISODate()! <= date && (!rate.validTo || rate.validTo.toISODate()! >= date)
  )
  return covering.sort((a, b) => b.validFrom.toMillis() - a.validFrom.toMillis())[0]?.rate ?? null
}

/** The organisation's tax groups with their rates, one query for the groups and one for the rates. */
async function taxGroups() {
  const groups = await TaxGroup.query()
    .preload('rates', (rates) => rates.orderBy('valid_from'))
    .orderBy('code')
  const on = today()
  return groups.map((group) => serializeTaxGroup({ group, currentRate: rateOn(group, on) }))
}

/** Invoicing settings: tax groups and their rates by date, numbering series, defaults. */
export default class SettingsController {
  async defaults(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.read')
    return {
      settings: serializeInvoicingSettings(await readInvoicingSettings(tenantContext.require())),
    }
  }

  async updateDefaults(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.settings.manage')
    const settings = await ctx.request.validateUsing(invoicingSettingsValidator)
    const organizationId = tenantContext.require()
    const actor = actorOf(ctx)
    await db.transaction(async (trx) => {
      await saveInvoicingSettings(trx, organizationId, settings)
      await auditLog.record(
        {
          organizationId,
          actorId: actor.userId,
          action: 'settings.changed',
          subjectType: 'invoicing_settings',
          subjectId: organizationId,
          metadata: settings,
          ip: actor.ip,
        },
        trx
      )
    })
    return { settings: serializeInvoicingSettings(settings) }
  }

  async taxGroups(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.tax.read')
    return { data: await taxGroups() }
  }

  /** Adds a rate to a group from a date (the next change of the law), or for a set period (an exemption). */
  async addTaxRate(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.tax.manage')
    const code = String(ctx.params.code).toUpperCase()
    if (!(TAX_GROUP_CODES as readonly string[]).includes(code)) throw notFound()
    const input = await ctx.request.validateUsing(addTaxRateValidator)
    const actor = actorOf(ctx)
    const validFrom = isoDateOf(input.validFrom)
    await db.transaction(async (trx) => {
      const group = await TaxGroup.query({ client: trx }).where('code', code).forUpdate().first()
      if (!group) throw notFound()
      const taken = await TaxRate.query({ client: trx })
        .where('tax_group_id', group.id)
        .where('valid_from', validFrom)
        .first()
      if (taken) throw invoicingErrors.taxRateTaken(validFrom)
      await TaxRate.create(
        {
          taxGroupId: group.id,
          rate: input.rate,
          validFrom: DateTime.fromISO(validFrom),
          validTo: input.validTo ? DateTime.fromISO(isoDateOf(input.validTo)) : null,
          note: input.note ?? null,
          createdBy: actor.userId,
        },
        { client: trx }
      )
      await auditLog.record(
        {
          organizationId: tenantContext.require(),
          actorId: actor.userId,
          action: 'tax_rate.added',
          subjectType: 'tax_group',
          subjectId: group.id,
          metadata: { code, rate: input.rate, validFrom },
          ip: actor.ip,
        },
        trx
      )
    })
    return ctx.response.created({ data: await taxGroups() })
  }

  async series(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.read')
    return { data: await seriesList() }
  }

  async updateSeries(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.settings.manage')
    const kind = ctx.params.kind as DocumentKind
    if (!DOCUMENT_KINDS.includes(kind)) throw notFound()
    const { format } = await ctx.request.validateUsing(seriesFormatValidator)
    if (!isSeriesFormat(format)) throw invoicingErrors.seriesFormat()
    const organizationId = tenantContext.require()
    const actor = actorOf(ctx)
    await db.transaction(async (trx) => {
      await trx.rawQuery(
        `INSERT INTO invoicing.number_series (organization_id, kind, format) VALUES (?, ?, ?)
         ON CONFLICT (organization_id, kind) DO UPDATE SET format = excluded.format`,
        [organizationId, kind, format]
      )
      await auditLog.record(
        {
          organizationId,
          actorId: actor.userId,
          action: 'series.changed',
          subjectType: 'series',
          subjectId: kind,
          metadata: { format },
          ip: actor.ip,
        },
        trx
      )
    })
    return { data: await seriesList() }
  }

  async reminders(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.read')
    return { reminders: await reminderSettings(tenantContext.require(), db.connection()) }
  }

  /** Sets the organisation's overdue reminders; the daily job (08:00 Kinshasa) follows it from the next run. */
  async updateReminders(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.settings.manage')
    const settings = await ctx.request.validateUsing(reminderSettingsValidator)
    if (settings.maxReminders > 1 && !settings.repeatEveryDays)
      throw invoicingErrors.reminderSchedule()
    const organizationId = tenantContext.require()
    const actor = actorOf(ctx)
    await db.transaction(async (trx) => {
      await trx.rawQuery(
        `INSERT INTO invoicing.reminder_settings (organization_id, enabled, first_after_days, repeat_every_days, max_reminders, updated_at)
         VALUES (?, ?, ?, NULLIF(?, 0), ?, now())
         ON CONFLICT (organization_id) DO UPDATE SET enabled = EXCLUDED.enabled, first_after_days = EXCLUDED.first_after_days,
           repeat_every_days = EXCLUDED.repeat_every_days, max_reminders = EXCLUDED.max_reminders, updated_at = now()`,
        [
          organizationId,
          settings.enabled,
          settings.firstAfterDays,
          // 0 stands for none (NULLIF): the validator never lets 0 through.
          settings.repeatEveryDays ?? 0,
          settings.maxReminders,
        ]
      )
      await auditLog.record(
        {
          organizationId,
          actorId: actor.userId,
          action: 'reminders.changed',
          subjectType: 'reminders',
          subjectId: organizationId,
          metadata: settings,
          ip: actor.ip,
        },
        trx
      )
    })
    return { reminders: await reminderSettings(organizationId, db.connection()) }
  }
}

/** Each series' format, the number the next document would take this year, and how many were issued. */
async function seriesList() {
  const organizationId = tenantContext.require()
  const year = Number(today().slice(0, 4))
  const { rows } = await db.rawQuery(
    `SELECT k.kind, s.format, coalesce(c.last_value, 0) AS last_value
       FROM unnest(?::text[]) AS k(kind)
       LEFT JOIN invoicing.number_series s ON s.organization_id = ? AND s.kind = k.kind
       LEFT JOIN invoicing.number_counters c ON c.organization_id = ? AND c.kind = k.kind AND c.year = ?`,
    [[...DOCUMENT_KINDS], organizationId, organizationId, year]
  )
  return (rows as Array<{ kind: DocumentKind; format: string | null; last_value: number }>).map(
    (row) => {
      const format = row.format ?? DEFAULT_SERIES_FORMATS[row.kind]
      return serializeSeries({
        kind: row.kind,
        format,
        year,
        issued: row.last_value,
        nextNumber: formatNumber(format, year, row.last_value + 1),
      })
    }
  )
}

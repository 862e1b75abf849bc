import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { authorize, isUuid, notFound, tenantContext } from '@ia/kernel/contracts'
import { currenciesService } from '../../contracts/currencies_service.ts'
import Rate from '../models/rate.ts'
import { recordRates } from '../actions/record_rates.ts'
import { ratesPage, rateHistory } from '../queries/list_rates.ts'
import RateImport from '../models/rate_import.ts'
import { startRateImport } from '../actions/start_rate_import.ts'
import { serializeRateImport } from '../transformers/rate_import_transformer.ts'
import { rateSettings } from '../services/organization_setup.ts'
import { normalizeRate, rateDate } from '../services/rate_values.ts'
import {
  serializeRate,
  serializeRateHistory,
  serializeRateUsed,
} from '../transformers/rate_transformer.ts'
import {
  importRatesValidator,
  listRatesValidator,
  rateAtValidator,
  rateHistoryValidator,
  recordRateValidator,
} from '../validators/currencies.ts'
import { currencyErrors } from '../errors.ts'

/** The organisation's daily rates: list, one, record by hand, import a CSV (as a job), history for a chart, the rate at a date. */
export default class RatesController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'currencies.rate.read')
    const filters = await ctx.request.validateUsing(listRatesValidator, { data: ctx.request.qs() })
    const { rates, nextCursor } = await ratesPage(filters)
    return { data: rates.map(serializeRate), meta: { perPage: filters.perPage ?? 50, nextCursor } }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'currencies.rate.read')
    const rate = isUuid(ctx.params.rateId) ? await Rate.find(ctx.params.rateId) : null
    if (!rate) throw notFound()
    return { rate: serializeRate(rate) }
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'currencies.rate.create')
    const input = await ctx.request.validateUsing(recordRateValidator)
    const organizationId = tenantContext.require()
    const date = rateDate(input.date)
    if (!date) throw currencyErrors.invalidDate('date')
    const rate = normalizeRate(input.rate)
    if (!rate) throw currencyErrors.invalidRate('rate')
    if (input.baseCurrency === input.quoteCurrency) throw currencyErrors.samePair()
    const id = await db.transaction(async (trx) => {
      await currenciesService.assertCurrencyUsed(organizationId, input.baseCurrency, {
        client: trx,
        field: 'baseCurrency',
      })
      await currenciesService.assertCurrencyUsed(organizationId, input.quoteCurrency, {
        client: trx,
        field: 'quoteCurrency',
      })
      const { rateSource } = await rateSettings(organizationId, trx)
      const [recorded] = await recordRates(
        organizationId,
        [{ ...input, rate, date }],
        'manual',
        rateSource,
        ctx.auth.user!.id,
        trx
      )
      return recorded
    })
    return ctx.response.created({ rate: serializeRate(await Rate.findOrFail(id)) })
  }

  async import(ctx: HttpContext) {
    await authorize(ctx, 'currencies.rate.create')
    const { file } = await ctx.request.validateUsing(importRatesValidator)
    const rateImport = await startRateImport(
      { bytes: await readFile(file.tmpPath!), fileName: file.clientName },
      ctx.i18n,
      ctx.auth.user!.id
    )
    return ctx.response.accepted({ import: serializeRateImport(rateImport) })
  }

  async showImport(ctx: HttpContext) {
    await authorize(ctx, 'currencies.rate.read')
    const rateImport = isUuid(ctx.params.rateImportId)
      ? await RateImport.find(ctx.params.rateImportId)
      : null
    if (!rateImport) throw notFound()
    return { import: serializeRateImport(rateImport) }
  }

  async history(ctx: HttpContext) {
    await authorize(ctx, 'currencies.rate.read')
    const { baseCurrency, quoteCurrency, days } = await ctx.request.validateUsing(
      rateHistoryValidator,
      { data: ctx.request.qs() }
    )
    return {
      history: serializeRateHistory(await rateHistory(baseCurrency, quoteCurrency, days ?? 90)),
    }
  }

  async at(ctx: HttpContext) {
    await authorize(ctx, 'currencies.rate.read')
    const { from, to, date } = await ctx.request.validateUsing(rateAtValidator, {
      data: ctx.request.qs(),
    })
    if (!rateDate(date, '9999-12-31')) throw currencyErrors.invalidDate('date')
    return {
      rate: serializeRateUsed(
        await currenciesService.rateAt(tenantContext.require(), from, to, date, { field: 'to' })
      ),
    }
  }
}

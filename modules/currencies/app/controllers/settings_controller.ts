import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { authorize, currencyName, isoCurrencies, jobs, tenantContext } from '@ia/kernel/contracts'
import { currenciesService } from '../../contracts/currencies_service.ts'
import { rateSettings } from '../services/organization_setup.ts'
import { serializeCurrencySettings } from '../transformers/settings_transformer.ts'
import { updateSettingsValidator } from '../validators/currencies.ts'
import { updateSettings } from '../actions/update_settings.ts'
import { FETCH_RATES_JOB, type FetchRatesPayload } from '../jobs/fetch_rates.ts'
import { currencyErrors } from '../errors.ts'

async function currentSettings(ctx: HttpContext, organizationId: string) {
  const client = db.connection()
  const [settings, rates] = await Promise.all([
    currenciesService.settings(organizationId, { client }),
    rateSettings(organizationId, client),
  ])
  return { settings: serializeCurrencySettings({ ...settings, ...rates, locale: ctx.i18n.locale }) }
}

/** The organisation's currencies, default and reporting currency, rate source and provider. */
export default class SettingsController {
  /** Every ISO 4217 currency, named in the reader's language. */
  async iso(ctx: HttpContext) {
    await authorize(ctx, 'currencies.rate.read')
    return {
      data: isoCurrencies().map(({ code, precision }) => ({
        code,
        precision,
        name: currencyName(code, ctx.i18n.locale),
      })),
    }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'currencies.rate.read')
    return currentSettings(ctx, tenantContext.require())
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'currencies.settings.manage')
    const changes = await ctx.request.validateUsing(updateSettingsValidator)
    const organizationId = tenantContext.require()
    await updateSettings(organizationId, changes, {
      userId: ctx.auth.user!.id,
      ip: ctx.request.ip(),
    })
    return currentSettings(ctx, organizationId)
  }

  /** Queues a fetch of the provider's rates now (the daily fetch runs on its own). */
  async fetchNow(ctx: HttpContext) {
    await authorize(ctx, 'currencies.settings.manage')
    const organizationId = tenantContext.require()
    const { providerUrl } = await rateSettings(organizationId, db.connection())
    if (!providerUrl) throw currencyErrors.noProvider()
    const jobId = await jobs.dispatch<FetchRatesPayload>(
      FETCH_RATES_JOB,
      { organizationId },
      { organizationId, userId: ctx.auth.user!.id }
    )
    return ctx.response.accepted({ jobId })
  }
}

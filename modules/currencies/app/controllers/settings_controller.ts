import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { authorize, tenantContext } from '@ia/kernel/contracts'
import { currenciesService } from '../../contracts/currencies_service.ts'
import { rateSettings } from '../services/organization_setup.ts'
import { serializeCurrencySettings } from '../transformers/settings_transformer.ts'

/** Reads the settings as the answer shows them, in the reader's language. */
export async function currentSettings(ctx: HttpContext, organizationId: string) {
  const client = db.connection()
  const [settings, rates] = await Promise.all([currenciesService.settings(organizationId, { client }), rateSettings(organizationId, client)])
  return { settings: serializeCurrencySettings({ ...settings, ...rates, locale: ctx.i18n.locale }) }
}

/** The organisation's currencies, default and reporting currency, and rate source. */
export default class SettingsController {
  async show(ctx: HttpContext) {
    await authorize(ctx, 'currencies.rate.read')
    return currentSettings(ctx, tenantContext.require())
  }
}

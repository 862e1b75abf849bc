import type { HttpContext } from '@adonisjs/core/http'
import { auditLog, authorize, tenantContext } from '@ia/kernel/contracts'
import db from '@adonisjs/lucid/services/db'
import GatewaySettings from '../models/gateway_settings.ts'
import { UNIPESA_OPERATORS } from '../gateways/unipesa_gateway.ts'
import { GatewayError } from '../gateways/mobile_money_gateway.ts'
import { saveSettingsValidator } from '../validators/payments.ts'
import { serializeOperator, serializeSettings } from '../transformers/payments_transformer.ts'
import { encryptSecretKey, gatewayFor } from '../services/gateway_settings.ts'
import { callbackUrl } from '../services/payment_requests.ts'
import { paymentsErrors } from '../errors.ts'

/** The organisation's gateway account: read (without its key), save, check. */
export default class PaymentSettingsController {
  async show(ctx: HttpContext) {
    await authorize(ctx, 'payments.settings.manage')
    const settings = await GatewaySettings.query().first()
    return {
      settings: settings
        ? serializeSettings({ settings, callbackUrl: callbackUrl(tenantContext.require()) })
        : null,
      operators: UNIPESA_OPERATORS.map(serializeOperator),
    }
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'payments.settings.manage')
    const input = await ctx.request.validateUsing(saveSettingsValidator)
    const organizationId = tenantContext.require()
    for (const [index, providerId] of input.enabledProviders.entries()) {
      if (!UNIPESA_OPERATORS.some((operator) => operator.providerId === providerId))
        throw paymentsErrors.providerUnknown(`enabledProviders.${index}`)
    }
    const settings = await db.transaction(async (trx) => {
      const existing = await GatewaySettings.query({ client: trx }).forUpdate().first()
      if (!existing && !input.secretKey) throw paymentsErrors.secretKeyRequired()
      const saved = existing ?? new GatewaySettings()
      saved.merge({
        gateway: 'unipesa',
        baseUrl: input.baseUrl,
        publicId: input.publicId,
        merchantId: input.merchantId,
        enabledProviders: input.enabledProviders,
        enabled: input.enabled,
        updatedBy: ctx.auth.user!.id,
      })
      if (input.secretKey) saved.secretKeyEncrypted = encryptSecretKey(input.secretKey)
      await saved.useTransaction(trx).save()
      await auditLog.record(
        {
          organizationId,
          actorId: ctx.auth.user!.id,
          action: 'payments.settings.updated',
          subjectType: 'payments_settings',
          subjectId: saved.id,
          metadata: { secretKeyChanged: Boolean(input.secretKey), enabled: input.enabled },
          ip: ctx.request.ip(),
        },
        trx
      )
      return saved
    })
    return { settings: serializeSettings({ settings, callbackUrl: callbackUrl(organizationId) }) }
  }

  /** Asks the gateway a signed question: the answer says whether the credentials work. */
  async check(ctx: HttpContext) {
    await authorize(ctx, 'payments.settings.manage')
    const settings = await GatewaySettings.query().first()
    if (!settings) throw paymentsErrors.notConfigured()
    try {
      await gatewayFor(settings).checkCredentials()
      return { ok: true, message: ctx.i18n.t('payments.settings.checkOk') }
    } catch (failure) {
      if (!(failure instanceof GatewayError)) throw failure
      return {
        ok: false,
        message: ctx.i18n.t(`payments.settings.check.${failure.kind}`, {
          message: failure.message,
        }),
      }
    }
  }
}

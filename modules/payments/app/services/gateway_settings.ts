import app from '@adonisjs/core/services/app'
import encryption from '@adonisjs/core/services/encryption'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import GatewaySettings from '../models/gateway_settings.ts'
import { UnipesaGateway } from '../gateways/unipesa_gateway.ts'
import type { MobileMoneyGateway } from '../gateways/mobile_money_gateway.ts'
import { paymentsErrors } from '../errors.ts'

/** What the gateway's secret key is encrypted for: a value encrypted for anything else never decrypts here. */
export const SECRET_PURPOSE = 'payments.gateway_secret'

export function encryptSecretKey(secretKey: string) {
  return encryption.encrypt(secretKey, undefined, SECRET_PURPOSE)
}

/** The adapter for an organisation's settings. */
export function gatewayFor(settings: GatewaySettings): MobileMoneyGateway {
  const secretKey = encryption.decrypt<string>(settings.secretKeyEncrypted, SECRET_PURPOSE)
  if (!secretKey) throw paymentsErrors.notConfigured()
  return new UnipesaGateway({
    baseUrl: settings.baseUrl,
    publicId: settings.publicId,
    merchantId: settings.merchantId,
    secretKey,
    allowPrivateHosts: app.config.get<boolean>('payments.allowPrivateGatewayHosts', false),
  })
}

/** The current organisation's settings when mobile-money payments are on; a 409 otherwise. */
export async function activeSettings(client?: QueryClientContract) {
  const settings = await GatewaySettings.query({ client }).first()
  if (!settings?.enabled) throw paymentsErrors.notConfigured()
  return settings
}

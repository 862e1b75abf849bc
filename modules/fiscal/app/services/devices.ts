import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { EmcfDevice } from '../adapters/emcf_device.ts'
import type { FiscalDevice } from '../ports/fiscal_device.ts'

const TOKEN_PURPOSE = 'fiscal.emcf-token'

/** The environments the DGI publishes an e-MCF base for. */
export const FISCAL_ENVIRONMENTS = ['test', 'production'] as const
export type FiscalEnvironment = (typeof FISCAL_ENVIRONMENTS)[number]

/** An organisation's fiscal device settings as stored (the token encrypted, never answered). */
export type DeviceRow = {
  id: string
  organization_id: string
  enabled: boolean
  enabled_at: Date | null
  environment: FiscalEnvironment
  base_url: string
  nif: string
  isf: string
  token_encrypted: string
  operator_name: string | null
  retry_count: number
  next_attempt_at: Date | null
  last_error: string | null
  updated_at: Date
}

/** The organisation's device settings, or null. */
export async function deviceRow(
  organizationId: string,
  client: QueryClientContract = db.connection()
) {
  const row: DeviceRow | null = await client
    .from('fiscal.devices')
    .where('organization_id', organizationId)
    .first()
  return row
}

/** The token encrypted for storage. */
export const encryptToken = (token: string) => encryption.encrypt(token, undefined, TOKEN_PURPOSE)

/** The adapter that talks to the organisation's device with its stored settings. */
export function fiscalDeviceOf(row: DeviceRow, timeoutMs = 15_000): FiscalDevice {
  return new EmcfDevice({
    baseUrl: row.base_url,
    token: encryption.decrypt<string>(row.token_encrypted, TOKEN_PURPOSE) ?? '',
    nif: row.nif,
    isf: row.isf,
    timeoutMs,
  })
}

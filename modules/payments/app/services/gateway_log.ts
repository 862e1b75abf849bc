import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import logger from '@adonisjs/core/services/logger'
import { tenantContext } from '@ia/kernel/contracts'
import GatewayEvent, { type GatewayEventOutcome } from '../models/gateway_event.ts'

/** Outcomes that mean someone tried to make us record money we did not receive. */
const SUSPICIOUS: readonly GatewayEventOutcome[] = [
  'bad_signature',
  'replayed',
  'stale',
  'unknown_order',
  'mismatch',
]

/** Writes a line of the current organisation's operator log (and the process log, as a warning when suspicious). */
export async function logGatewayEvent(
  entry: {
    kind: GatewayEvent['kind']
    outcome: GatewayEventOutcome
    orderId?: string | null
    fingerprint?: string | null
    detail?: Record<string, unknown>
  },
  client?: QueryClientContract
) {
  const line = { organizationId: tenantContext.require(), ...entry }
  if (SUSPICIOUS.includes(entry.outcome)) logger.warn(line, 'payments: refused gateway message')
  return GatewayEvent.create(
    {
      kind: entry.kind,
      outcome: entry.outcome,
      orderId: entry.orderId ?? null,
      fingerprint: entry.fingerprint ?? null,
      detail: entry.detail ?? {},
    },
    { client }
  )
}

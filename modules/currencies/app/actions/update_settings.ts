import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import { auditLog, organizations } from '@ia/kernel/contracts'
import type { updateSettingsValidator } from '../validators/currencies.ts'
import { currencyErrors } from '../errors.ts'

/** What an admin sends to change the organisation's currencies. */
export type SettingsChanges = Infer<typeof updateSettingsValidator>

/**
 * Replaces the organisation's currencies, default and reporting currency, rate source and provider
 * URL in one transaction; the default and reporting currency must be among the currencies.
 */
export async function updateSettings(
  organizationId: string,
  changes: SettingsChanges,
  actor: { userId: string; ip: string }
) {
  for (const role of ['defaultCurrency', 'reportingCurrency'] as const) {
    if (!changes.currencies.includes(changes[role]))
      throw currencyErrors.currencyNotUsed(changes[role], role)
  }
  await db.transaction(async (trx) => {
    const now = new Date()
    await trx
      .from('currencies.organization_currencies')
      .where('organization_id', organizationId)
      .whereNotIn('code', changes.currencies)
      .delete()
    await trx
      .insertQuery()
      .table('currencies.organization_currencies')
      .knexQuery.insert(
        changes.currencies.map((code) => ({
          organization_id: organizationId,
          code,
          created_at: now,
        }))
      )
      .onConflict(['organization_id', 'code'])
      .ignore()
    await trx
      .insertQuery()
      .table('currencies.settings')
      .knexQuery.insert({
        organization_id: organizationId,
        rate_source: changes.rateSource,
        provider_url: changes.providerUrl,
        updated_at: now,
      })
      .onConflict('organization_id')
      .merge(['rate_source', 'provider_url', 'updated_at'])
    await organizations.setCurrencies(
      organizationId,
      { defaultCurrency: changes.defaultCurrency, reportingCurrency: changes.reportingCurrency },
      actor.userId,
      trx
    )
    await auditLog.record(
      {
        organizationId,
        actorId: actor.userId,
        action: 'currencies.settings.updated',
        metadata: {
          currencies: changes.currencies,
          rateSource: changes.rateSource,
          providerUrl: changes.providerUrl,
        },
        ip: actor.ip,
      },
      trx
    )
  })
}

import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** An organisation's invoicing defaults. */
export type InvoicingSettings = { defaultPaymentTermsDays: number }

/** The organisation's defaults (zero days of payment terms until it sets them). */
export async function readInvoicingSettings(
  organizationId: string,
  client: QueryClientContract = db.connection()
): Promise<InvoicingSettings> {
  const row = await client
    .from('invoicing.settings')
    .where('organization_id', organizationId)
    .select('default_payment_terms_days')
    .first()
  return { defaultPaymentTermsDays: row?.default_payment_terms_days ?? 0 }
}

/** Stores the organisation's defaults in the caller's transaction. */
export async function saveInvoicingSettings(
  client: QueryClientContract,
  organizationId: string,
  settings: InvoicingSettings
) {
  await client.rawQuery(
    `INSERT INTO invoicing.settings (organization_id, default_payment_terms_days, updated_at)
     VALUES (?, ?, now())
     ON CONFLICT (organization_id) DO UPDATE
       SET default_payment_terms_days = excluded.default_payment_terms_days, updated_at = now()`,
    [organizationId, settings.defaultPaymentTermsDays]
  )
}

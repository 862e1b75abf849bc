import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { Decimal } from '@ia/kernel/contracts'
import { recordRates } from '../actions/record_rates.ts'
import { BCC_RATE_SOURCE, setUpOrganization } from './organization_setup.ts'

/** Days of demo rates: what the rates page's chart shows. */
const DEMO_DAYS = 90

/**
 * Gives the demo organisation its currencies and a plausible USD -> CDF indicative rate for each of
 * the last 90 days (a slow rise around 2 800 CDF with daily ups and downs, the same on every run).
 */
export async function seedDemoRates(organizationId: string, trx: TransactionClientContract) {
  await setUpOrganization(organizationId, trx)
  const today = DateTime.now().startOf('day')
  const rates = Array.from({ length: DEMO_DAYS }, (_, index) => {
    const day = DEMO_DAYS - 1 - index
    // In centimes, whole numbers only: a trend of 0.85 CDF a day and a repeating wobble of up to 6.50 CDF.
    const centimes = 279_000 + index * 85 + ((index * 37) % 1_300) - 650
    return { baseCurrency: 'USD', quoteCurrency: 'CDF', rate: new Decimal(centimes).div(100).toString(), date: today.minus({ days: day }).toISODate()! }
  })
  await recordRates(organizationId, rates, 'manual', BCC_RATE_SOURCE, null, trx)
}

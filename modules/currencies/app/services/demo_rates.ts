import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { Decimal } from '@ia/kernel/contracts'
import { recordRates } from '../actions/record_rates.ts'
import { BCC_RATE_SOURCE, setUpOrganization } from './organization_setup.ts'

/** Days of demo rates: what the rates page's chart shows. */
const DEMO_DAYS = 90

/**
 * Gives the demo organisation its currencies and a plausible USD -> CDF indicative rate for each of
 * the last 90 days (a slow rise from about 2 795 CDF with daily ups and downs, the same on every run).
 */
export async function seedDemoRates(organizationId: string, trx: TransactionClientContract) {
  await setUpOrganization(organizationId, trx)
  const today = DateTime.now().startOf('day')
  // In centimes, whole numbers only: a drift of about +0.60 CDF a day with daily moves of up to ±4 CDF,
  // drawn from a fixed linear congruential sequence so that every run seeds the same rates.
  let seed = 20_260_301n
  let centimes = 279_500
  const rates = Array.from({ length: DEMO_DAYS }, (_, index) => {
    seed = (seed * 1_103_515_245n + 12_345n) % 2_147_483_648n
    centimes += 60 + Number(seed % 801n) - 400
    return {
      baseCurrency: 'USD',
      quoteCurrency: 'CDF',
      rate: new Decimal(centimes).div(100).toString(),
      date: today.minus({ days: DEMO_DAYS - 1 - index }).toISODate()!,
    }
  })
  await recordRates(organizationId, rates, 'manual', BCC_RATE_SOURCE, null, trx)
}

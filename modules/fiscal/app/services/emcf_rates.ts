import type { RateCrossCheck } from '@ia/currencies/contracts'
import { FiscalDeviceError } from '../ports/fiscal_device.ts'
import { deviceRow, fiscalDeviceOf } from './devices.ts'

/** The e-MCF's `/info/currencyRates` as the second source of the BCC's rate (none when normalisation is off or the e-MCF does not answer). */
export const emcfRateCheck: RateCrossCheck = async (organizationId, client) => {
  const row = await deviceRow(organizationId, client)
  if (!row?.enabled) return null
  try {
    const rates = await fiscalDeviceOf(row, 10_000).currencyRates()
    return {
      source: 'e-MCF (DGI)',
      rates: rates.map((rate) => ({ base: rate.currency, quote: 'CDF', rate: rate.rate })),
    }
  } catch (error) {
    if (error instanceof FiscalDeviceError) return null
    throw error
  }
}

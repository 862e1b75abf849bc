/*
 * The fiscal module's public surface: the fiscal device port, for a later adapter (a serial MCF) and
 * for the rate cross-check of the currencies module.
 */
export {
  FiscalDeviceError,
  isSignature,
  type FiscalDevice,
  type FiscalDeviceStatus,
  type FiscalInvoice,
  type FiscalSignature,
  type FiscalTotals,
  type PendingFiscalInvoice,
  type FiscalCurrencyRate,
} from '../app/ports/fiscal_device.ts'

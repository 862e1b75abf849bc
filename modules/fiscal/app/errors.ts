import { DomainError } from '@ia/kernel/contracts'

const error = (code: string, status: number, field?: string, data: Record<string, unknown> = {}) =>
  new DomainError(code, status, `fiscal.errors.${code}`, data, field)

/** The fiscal module's expected failures, each with its code, HTTP status, message key and field. */
export const fiscalErrors = {
  /** The organisation has no fiscal device settings yet. */
  notConfigured: () => error('E_FISCAL_NOT_CONFIGURED', 409),
  /** First settings without a token. */
  tokenRequired: () => error('E_FISCAL_TOKEN_REQUIRED', 422, 'token'),
  /** The e-MCF refused the token. */
  tokenRefused: (detail: string) => error('E_FISCAL_TOKEN_REFUSED', 422, 'token', { detail }),
  /** The e-MCF could not be reached or refused the check. */
  deviceUnavailable: (detail: string) =>
    error('E_FISCAL_DEVICE_UNAVAILABLE', 502, undefined, { detail }),
  /** An invoice or credit note that is not normalised yet may not be sent. */
  awaitingNormalisation: () => error('E_AWAITING_NORMALISATION', 409, 'status'),
  /** Only a failed normalisation is tried again by hand. */
  notRetryable: () => error('E_NORMALISATION_NOT_RETRYABLE', 409, 'status'),
}

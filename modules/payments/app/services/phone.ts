import { normalizePhoneNumber } from '@ia/kernel/contracts'
import { paymentsErrors } from '../errors.ts'

/** A DR Congo mobile number as typed ("081 234 5678", "+243812345678") in E.164; a 422 on `phone` otherwise. */
export function congoleseMobile(input: string) {
  const e164 = normalizePhoneNumber(input, 'CD')
  // Mobile numbers in DR Congo are +243 followed by nine digits starting with 8 or 9.
  if (!e164 || !/^\+243[89]\d{8}$/.test(e164)) throw paymentsErrors.phoneInvalid()
  return e164
}

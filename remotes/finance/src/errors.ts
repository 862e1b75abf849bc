import { isApiError } from '@ia/sdk'

/** The message of each field a 422 names, or nothing for another failure. */
export function fieldErrors(failure: unknown): Record<string, string> {
  return isApiError(failure) ? failure.fieldErrors : {}
}

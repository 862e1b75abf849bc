import { Exception } from '@adonisjs/core/exceptions'

/**
 * An expected failure with a stable code, an HTTP status and a translated message.
 * `translationKey` names the message in the module's language files; `data` fills its placeholders.
 */
export class DomainError extends Exception {
  constructor(
    code: string,
    status: number,
    readonly translationKey: string,
    readonly data: Record<string, unknown> = {},
    readonly field?: string
  ) {
    super(code, { code, status })
  }
}

/** 404 for anything unknown or belonging to another organisation: the two must look the same. */
export function notFound() {
  return new DomainError('E_NOT_FOUND', 404, 'platform.errors.E_NOT_FOUND')
}

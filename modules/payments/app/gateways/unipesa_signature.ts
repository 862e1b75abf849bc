import { createHmac, timingSafeEqual } from 'node:crypto'

/** How deep a signed payload may nest (Unipesa's reference code stops at the same depth). */
const MAX_DEPTH = 16

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return ''
  // PHP's string conversion, which Unipesa's reference implementation relies on.
  if (typeof value === 'boolean') return value ? '1' : ''
  return String(value)
}

function concatenate(
  data: Record<string, unknown> | unknown[],
  prefix: string,
  depth: number
): string {
  if (depth >= MAX_DEPTH) throw new Error('Unipesa payload nested too deep to sign')
  let text = ''
  for (const [key, value] of Object.entries(data)) {
    if (value !== null && typeof value === 'object') {
      text += concatenate(value as Record<string, unknown>, `${prefix}${key}.`, depth + 1)
    } else if (!(depth === 0 && key === 'signature')) {
      text += `${prefix}${key}${scalarText(value)}`
    }
  }
  return text
}

/**
 * Unipesa's signature (API v5.7.2, "Generating signature"): HMAC-SHA512, lower-case hex, over every sent
 * key followed by its value in the order sent, nested keys flattened as `parent.key`, the `signature`
 * field itself left out. Requests and callbacks are signed the same way.
 */
export function unipesaSignature(payload: Record<string, unknown>, secretKey: string) {
  return createHmac('sha512', secretKey)
    .update(concatenate(payload, '', 0))
    .digest('hex')
}

/** Whether `payload.signature` is the payload's signature, compared in constant time. */
export function hasValidUnipesaSignature(payload: Record<string, unknown>, secretKey: string) {
  const given = payload.signature
  if (typeof given !== 'string' || !/^[0-9a-f]{128}$/i.test(given)) return false
  const expected = Buffer.from(unipesaSignature(payload, secretKey), 'hex')
  return timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'))
}

/** The payload with its signature as the last field, as Unipesa expects it sent. */
export function signUnipesaPayload<T extends Record<string, unknown>>(
  payload: T,
  secretKey: string
) {
  return { ...payload, signature: unipesaSignature(payload, secretKey) }
}

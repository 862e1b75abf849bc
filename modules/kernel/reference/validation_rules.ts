import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { isCountryCode } from './countries.ts'
import { isCurrencyCode } from '../money/money.ts'
import {
  compactIdentifier,
  DR_CONGO_IDENTIFIERS,
  type DrCongoIdentifier,
} from './dr_congo_identifiers.ts'

/** Refuses a value that is not an ISO 3166-1 alpha-2 code (put after `toUpperCase()`). */
export const countryCode = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value === 'string' && !isCountryCode(value))
      field.report('Choose a country from the list.', 'countryCode', field)
  },
  { name: 'countryCode' }
)

/** Refuses a value that is not an ISO 4217 code (put after `toUpperCase()`). */
export const currencyCode = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value === 'string' && !isCurrencyCode(value))
      field.report('Choose a currency from the list.', 'currencyCode', field)
  },
  { name: 'currencyCode' }
)

/**
 * The country a record is in while it is validated: the `country` sent with it, else the stored one
 * the validator was given as `meta.storedCountry`.
 */
function recordCountry(field: FieldContext) {
  const sent = field.parent?.country
  if (typeof sent === 'string') return sent.trim().toUpperCase()
  const stored = field.meta?.storedCountry
  return typeof stored === 'string' ? stored : null
}

/**
 * A DR Congo registration number (RCCM, Id. Nat., NIF) of a record in DR Congo: stored upper-case
 * without spaces, refused with the expected shape in the message when it does not have it. Other
 * countries' numbers are kept as written.
 */
export const drCongoIdentifier = vine.createRule(
  (value: unknown, kind: DrCongoIdentifier, field: FieldContext) => {
    if (typeof value !== 'string' || recordCountry(field) !== 'CD') return
    const compact = compactIdentifier(value)
    const { pattern, example } = DR_CONGO_IDENTIFIERS[kind]
    if (pattern.test(compact)) field.mutate(compact, field)
    else
      field.report(`Enter the number in the form ${example}.`, 'drCongoIdentifier', field, {
        example,
      })
  },
  { name: 'drCongoIdentifier' }
)

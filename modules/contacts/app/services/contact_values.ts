import { DateTime } from 'luxon'
import { headerKey } from './contact_columns.ts'

const TRUE_WORDS = new Set(['oui', 'o', 'yes', 'y', 'true', 'vrai', '1', 'x'])
const FALSE_WORDS = new Set(['non', 'n', 'no', 'false', 'faux', '0'])
const COMPANY_WORDS = new Set([
  'company',
  'societe',
  'entreprise',
  'organisation',
  'organization',
  'business',
  'ets',
  'etablissement',
])
const PERSON_WORDS = new Set([
  'person',
  'personne',
  'particulier',
  'individu',
  'individual',
  'personnephysique',
])

/** A yes/no cell as a boolean (oui/non, yes/no, x, 1/0...); other text is returned as it is, for the validator to refuse. */
export function parseYesNo(cell: string): boolean | string {
  const key = headerKey(cell)
  if (TRUE_WORDS.has(key)) return true
  if (FALSE_WORDS.has(key)) return false
  return cell
}

/** A kind cell as `company` or `person` in either language; other text is returned as it is. */
export function parseKind(cell: string): string {
  const key = headerKey(cell)
  if (COMPANY_WORDS.has(key)) return 'company'
  if (PERSON_WORDS.has(key)) return 'person'
  return cell
}

/** A tags cell split on `,`, `;` or `|`. */
export function parseTags(cell: string) {
  return cell
    .split(/[,;|]/)
    .map((tag) => tag.trim())
    .filter(Boolean)
}

/** How exports write a date and time: a form every spreadsheet reads as a date, in the organisation's time zone. */
export const EXPORT_DATE_TIME = 'yyyy-LL-dd HH:mm:ss'

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/

/**
 * An "archived at" cell: the date exports write (2024-12-31 14:05:00) or ISO 8601, a day-first date
 * as French spreadsheets show it (31/12/2024, optionally with a time), or a yes/no word (archived now,
 * or not archived). A date without an offset is in `timeZone` (the organisation's). Undefined when it
 * is none of these or lies in the future.
 */
export function parseArchivedAt(
  cell: string,
  timeZone: string,
  now: DateTime = DateTime.now()
): DateTime | null | undefined {
  const yesNo = parseYesNo(cell)
  if (yesNo === false) return null
  if (yesNo === true) return now
  let date = DateTime.fromSQL(cell, { zone: timeZone })
  if (!date.isValid) date = DateTime.fromISO(cell, { zone: timeZone, setZone: true })
  const dayFirst = DAY_FIRST.exec(cell)
  if (!date.isValid && dayFirst) {
    const [, day, month, year, hour = '0', minute = '0', second = '0'] = dayFirst
    date = DateTime.fromObject(
      { year: +year, month: +month, day: +day, hour: +hour, minute: +minute, second: +second },
      { zone: timeZone }
    )
  }
  if (!date.isValid || date > now) return undefined
  return date
}

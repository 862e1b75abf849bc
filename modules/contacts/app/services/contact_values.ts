import { headerKey } from './contact_columns.ts'

const TRUE_WORDS = new Set(['oui', 'o', 'yes', 'y', 'true', 'vrai', '1', 'x'])
const FALSE_WORDS = new Set(['non', 'n', 'no', 'false', 'faux', '0'])
const COMPANY_WORDS = new Set(['company', 'societe', 'entreprise', 'organisation', 'organization', 'business', 'ets', 'etablissement'])
const PERSON_WORDS = new Set(['person', 'personne', 'particulier', 'individu', 'individual', 'personnephysique'])

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

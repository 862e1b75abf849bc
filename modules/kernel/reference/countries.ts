import countries from 'i18n-iso-countries'
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' }

countries.registerLocale(en)
countries.registerLocale(fr)

/** ISO 3166-1 alpha-2 codes of every country and territory, upper-case. */
export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort()

const KNOWN = new Set(COUNTRY_CODES)

/** Whether `code` is an ISO 3166-1 alpha-2 country code (upper-case). */
export function isCountryCode(code: string): boolean {
  return KNOWN.has(code)
}

/** A name reduced to lower-case ASCII letters: "République démocratique du Congo" and "republique-democratique du congo" compare equal. */
function nameKey(name: string) {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
}

/**
 * "Congo" alone names two countries. Congo-Kinshasa (CD) is the one a DR Congo user means, Congo-
 * Brazzaville (CG) the one ISO and the dictionaries call "Congo": rather than guess wrong without a
 * word, a file saying "Congo" is refused with both names to choose from.
 */
export const AMBIGUOUS_COUNTRY_NAMES: Readonly<Record<string, readonly string[]>> = {
  congo: ['CD', 'CG'],
}

/** Names people write that neither ISO's list nor the runtime's gives. */
const EXTRA_NAMES: Record<string, string> = {
  rdc: 'CD',
  drc: 'CD',
  rdcongo: 'CD',
  drcongo: 'CD',
  congokinshasa: 'CD',
  congokin: 'CD',
  zaire: 'CD',
  congobrazzaville: 'CG',
  congobrazza: 'CG',
}

function buildNameIndex() {
  const index = new Map<string, string>()
  const add = (name: string | undefined, code: string) => {
    const key = name ? nameKey(name) : ''
    if (key && !(key in AMBIGUOUS_COUNTRY_NAMES) && !index.has(key)) index.set(key, code)
  }
  for (const locale of ['fr', 'en']) {
    const display = new Intl.DisplayNames([locale], { type: 'region' })
    for (const code of COUNTRY_CODES) add(display.of(code), code)
  }
  for (const locale of ['fr', 'en']) {
    for (const [code, names] of Object.entries(countries.getNames(locale, { select: 'all' }))) {
      for (const name of names) add(name, code)
    }
  }
  for (const [name, code] of Object.entries(EXTRA_NAMES)) index.set(name, code)
  for (const code of COUNTRY_CODES) {
    index.set(code.toLowerCase(), code)
    index.set(countries.alpha2ToAlpha3(code)!.toLowerCase(), code)
  }
  return index
}

let nameIndex: Map<string, string> | null = null

/** What a country cell of a file says: a code, a country named in French or English, or nothing clear. */
export type CountryReading = { code: string } | { ambiguous: readonly string[] } | null

/**
 * The country a person wrote ("CD", "COD", "RDC", "Congo-Kinshasa", "République démocratique du
 * Congo", "Democratic Republic of the Congo", "Belgique"...) as its ISO code; "Congo" alone is
 * ambiguous (see `AMBIGUOUS_COUNTRY_NAMES`), anything else unknown is null.
 */
export function readCountry(text: string): CountryReading {
  const key = nameKey(text)
  if (!key) return null
  const ambiguous = AMBIGUOUS_COUNTRY_NAMES[key]
  if (ambiguous) return { ambiguous }
  nameIndex ??= buildNameIndex()
  const code = nameIndex.get(key)
  return code ? { code } : null
}

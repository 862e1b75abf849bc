/**
 * The registration numbers of a DR Congo business and the shape each has:
 * - RCCM, the OHADA trade register: `CD/<office>/RCCM/<year>-<register letter>-<number>`, e.g.
 *   `CD/KNG/RCCM/14-B-1234` (the `CD/` is often left out: `BIA/RCCM/19-A-1320265`);
 * - Id. Nat., the national identification number of the Ministry of the Economy:
 *   `<province>-<activity>-<letter><digits><letter>`, e.g. `01-83-N12345P` (`493-N50888J` without the province);
 * - NIF, the DGI's tax number ("numéro impôt"): a letter, seven digits and a letter, e.g. `A1234567B`.
 * Each is compared upper-case without spaces.
 */
export const DR_CONGO_IDENTIFIERS = {
  rccm: {
    pattern: /^(?:CD\/)?[A-Z]{2,5}\/RCCM\/\d{2}-[A-Z]{1,2}-\d{1,7}$/,
    example: 'CD/KNG/RCCM/14-B-1234',
  },
  idNat: { pattern: /^(?:\d{1,2}-)?[A-Z0-9]{1,5}-[A-Z]\d{4,7}[A-Z]$/, example: '01-83-N12345P' },
  nif: { pattern: /^[A-Z]\d{7}[A-Z]$/, example: 'A1234567B' },
} as const

/** A DR Congo registration number. */
export type DrCongoIdentifier = keyof typeof DR_CONGO_IDENTIFIERS

/** A registration number as it is compared and stored: upper-case, without spaces. */
export function compactIdentifier(value: string) {
  return value.replace(/\s+/g, '').toUpperCase()
}

/** Whether `value` has the shape of a DR Congo `kind` number (see `DR_CONGO_IDENTIFIERS`). */
export function isDrCongoIdentifier(kind: DrCongoIdentifier, value: string) {
  return DR_CONGO_IDENTIFIERS[kind].pattern.test(compactIdentifier(value))
}

import { createHash } from 'node:crypto'

/** A statement line as matching sees it: signed amount in minor units of the account's currency. */
export type MatchableLine = {
  date: string
  amountMinor: bigint
  reference: string | null
  description: string
}

/** A movement already in the books on the same treasury account (a payment's or a transaction's entry). */
export type MatchCandidate = {
  entryId: string
  sourceType: string
  sourceId: string | null
  date: string
  amountMinor: bigint
  reference: string | null
  label: string
}

/** A candidate with how sure the match is (0-100) and why. */
export type SuggestedMatch = MatchCandidate & {
  score: number
  reasons: ('amount' | 'date' | 'reference')[]
}

/** Days apart beyond which a movement is not offered as the bank's counterpart. */
export const MATCH_WINDOW_DAYS = 10
const SUGGESTIONS = 3

/** Letters and digits only, upper case: "F-2026/0004" and "f 2026 0004" compare equal. */
function compact(text: string | null) {
  return (text ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '')
}

function daysBetween(a: string, b: string) {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000
}

/**
 * The best counterparts of a statement line among unreconciled movements: the same signed amount
 * is required, then the closer the date and a reference found in the line's text rank higher.
 */
export function suggestMatches(
  line: MatchableLine,
  candidates: MatchCandidate[]
): SuggestedMatch[] {
  const lineText = compact(`${line.reference ?? ''} ${line.description}`)
  return candidates
    .filter((candidate) => candidate.amountMinor === line.amountMinor)
    .map((candidate) => {
      const days = daysBetween(candidate.date, line.date)
      const reference = compact(candidate.reference)
      const referenceFound = reference.length >= 3 && lineText.includes(reference)
      const reasons: SuggestedMatch['reasons'] = ['amount']
      if (days <= 3) reasons.push('date')
      if (referenceFound) reasons.push('reference')
      const score = 50 + Math.max(0, 20 - days * 2) + (referenceFound ? 30 : 0)
      return { ...candidate, score: Math.round(score), reasons, days }
    })
    .filter(
      (candidate) => candidate.days <= MATCH_WINDOW_DAYS || candidate.reasons.includes('reference')
    )
    .sort((a, b) => b.score - a.score || a.days - b.days)
    .slice(0, SUGGESTIONS)
    .map(({ days: _days, ...match }) => match)
}

type FingerprintedLine = {
  date: string
  amountMinor: bigint
  reference: string | null
  description: string
  externalId: string | null
}

/**
 * What makes two statement lines the same movement: the bank's own id when it gives one, else the
 * date, the amount, the reference or text, and how many such lines came before it in the file (two
 * identical mobile-money payments on one day are two movements). Importing the same statement
 * twice, or two overlapping statements, finds the lines already there.
 */
export function statementLineFingerprints(treasuryAccountId: string, lines: FingerprintedLine[]) {
  const seen = new Map<string, number>()
  return lines.map((line) => {
    let key = line.externalId
      ? `id|${line.externalId}`
      : `${line.date}|${line.amountMinor}|${compact(line.reference) || compact(line.description)}`
    const occurrence = (seen.get(key) ?? 0) + 1
    seen.set(key, occurrence)
    key = `${key}|${occurrence}`
    return createHash('sha256').update(`${treasuryAccountId}|${key}`).digest('hex')
  })
}

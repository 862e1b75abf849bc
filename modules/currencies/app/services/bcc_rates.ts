import { DomUtils, parseDocument } from 'htmlparser2'
import { DateTime } from 'luxon'
import type { NewRate } from '../actions/record_rates.ts'

/** The Banque Centrale du Congo's page that shows the day's indicative rates. */
export const BCC_PAGE_URL = 'https://www.bcc.cd/'

/** Why the BCC page cannot be read: its layout changed. The job stores nothing and says so. */
export class BccPageError extends Error {}

const text = (node: Parameters<typeof DomUtils.textContent>[0]) =>
  DomUtils.textContent(node).replace(/\s+/g, ' ').trim()

/** A French-written number ("2 229,0257", "2.229,0257") as a decimal string; null when it is not one. */
export function frenchNumber(value: string) {
  const trimmed = value.trim()
  if (!/^(\d+|\d{1,3}([\s.]\d{3})+)(,\d+)?$/.test(trimmed)) return null
  return trimmed.replace(/[\s.]/g, '').replace(',', '.')
}

/** The date of the page's rates: "Taux de change indicatif du 08/12/2026". */
function pageDate(html: ReturnType<typeof parseDocument>) {
  const match = DomUtils.textContent(html).match(
    /taux[^.]{0,60}?\bdu\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/i
  )
  if (!match) throw new BccPageError('The page has no "Taux ... du JJ/MM/AAAA" date')
  const date = DateTime.fromObject({
    day: Number(match[1]),
    month: Number(match[2]),
    year: Number(match[3]),
  })
  if (!date.isValid || date > DateTime.now().plus({ days: 1 }))
    throw new BccPageError(`The page's date ${match[0]} is not a valid past date`)
  return date.toISODate()!
}

/**
 * Reads the BCC's daily indicative rates from its web page (it has no API): the table whose header
 * names the "Devise" and "Taux indicatif" columns, one row per currency, French numbers, and the
 * date above it. Each rate is 1 unit of the currency = so many CDF. Anything else than that layout
 * throws BccPageError: a page that changed is never read as a wrong rate.
 */
export function parseBccPage(html: string, currencies: string[] = ['USD']): NewRate[] {
  const document = parseDocument(html)
  const tables = DomUtils.findAll((node) => node.name === 'table', document.children)
  for (const table of tables) {
    const rows = DomUtils.findAll((node) => node.name === 'tr', [table])
    if (rows.length < 2) continue
    const header = DomUtils.findAll(
      (node) => node.name === 'th' || node.name === 'td',
      [rows[0]]
    ).map(text)
    const currencyColumn = header.findIndex((cell) => /^devises?$/i.test(cell))
    const rateColumn = header.findIndex((cell) => /^taux indicatif/i.test(cell))
    if (currencyColumn < 0 || rateColumn < 0) continue
    const date = pageDate(document)
    const rates: NewRate[] = []
    for (const row of rows.slice(1)) {
      const cells = DomUtils.findAll((node) => node.name === 'td' || node.name === 'th', [row]).map(
        text
      )
      const code = cells[currencyColumn]?.match(/^[A-Z]{3}\b/)?.[0]
      if (!code || !currencies.includes(code)) continue
      const rate = frenchNumber(cells[rateColumn] ?? '')
      if (!rate || Number(rate) <= 0)
        throw new BccPageError(`The rate of ${code} is not a number: "${cells[rateColumn] ?? ''}"`)
      rates.push({ baseCurrency: code, quoteCurrency: 'CDF', rate, date })
    }
    if (!rates.length)
      throw new BccPageError(`The rates table has no row for ${currencies.join(', ')}`)
    return rates
  }
  throw new BccPageError('The page has no table with "Devise" and "Taux indicatif" columns')
}

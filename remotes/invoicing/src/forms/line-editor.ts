import type { InvoicingDocument, DraftLine, TaxGroupCode } from '../api/documents'
import { decimalOf, minorOfDecimal } from './money'

/** A line as the editor holds it while it is typed. */
export type EditorLine = {
  key: number
  productId: string | null
  /** The product picked, as its autocomplete shows it. */
  productLabel: string | null
  description: string
  /** The quantity cell as typed, its unit after the number ("40 sacs"). */
  quantity: string
  /** Minor units of the document's currency, as the money input holds them. */
  unitPrice: string | null
  /** A price kept as it came (more digits than the currency) until the user types another. */
  exactPrice: string | null
  discountPercent: string
  taxGroup: string
}

let nextKey = 1

/** An empty line taxed in `taxGroup`. */
export function newLine(taxGroup = 'B'): EditorLine {
  return {
    key: nextKey++,
    productId: null,
    productLabel: null,
    description: '',
    quantity: '1',
    unitPrice: null,
    exactPrice: null,
    discountPercent: '',
    taxGroup,
  }
}

/** A stored line, to edit again (a draft, a duplicate, the lines of a partial credit note). */
export function lineFromDocument(
  line: InvoicingDocument['lines'][number],
  currency: string
): EditorLine {
  const minor = minorOfDecimal(line.unitPrice, currency)
  return {
    ...newLine(line.taxGroup),
    productId: line.productId,
    productLabel: line.productId ? line.description : null,
    description: line.description,
    quantity: quantityText({ quantity: line.quantity, unit: line.unit ?? '' }),
    unitPrice: minor,
    exactPrice: minor === null ? line.unitPrice : null,
    discountPercent: line.discountPercent ?? '',
  }
}

/** Whether the user wrote anything on the line. */
export function isBlank(line: EditorLine): boolean {
  return !line.productId && !line.description.trim() && !line.unitPrice && !line.exactPrice
}

/**
 * The lines as the API reads them, blank ones left out; `positions[i]` is the editor row of the sent
 * line `i`, so an error on `lines.i.field` is shown on its row. A product line without a price takes
 * the catalogue's (converted to the document's currency by the server).
 */
export function draftLines(lines: EditorLine[], currency: string) {
  const sent: DraftLine[] = []
  const positions: number[] = []
  lines.forEach((line, row) => {
    if (isBlank(line)) return
    positions.push(row)
    const price = line.exactPrice ?? decimalOf(line.unitPrice, currency)
    const { quantity, unit } = parseQuantity(line.quantity)
    sent.push({
      ...(line.productId ? { productId: line.productId } : {}),
      ...(line.description.trim() ? { description: line.description.trim() } : {}),
      quantity,
      unit: unit || null,
      ...(price !== null ? { unitPrice: price } : {}),
      discountPercent: line.discountPercent.trim() || null,
      taxGroup: line.taxGroup as TaxGroupCode,
    })
  })
  return { lines: sent, positions }
}

/** A quantity as typed with its unit, the way one writes it ("40 sacs", "1,5 h"): the number and the rest. */
export function parseQuantity(text: string): { quantity: string; unit: string } {
  const match = /^\s*(\d+(?:[.,]\d*)?)\s*(.*?)\s*$/.exec(text)
  if (!match) return { quantity: text.trim(), unit: '' }
  // "1," while the decimals are still being typed counts as 1.
  return { quantity: match[1]!.replace(',', '.').replace(/\.$/, ''), unit: match[2]! }
}

/** A line's quantity and unit as the quantity cell shows them. */
export function quantityText(line: { quantity: string; unit: string }): string {
  return line.unit ? `${line.quantity} ${line.unit}` : line.quantity
}

/** The columns of the line editor, in the order Tab walks them (the quantity cell holds the unit too). */
export const LINE_COLUMNS = [
  'product',
  'description',
  'quantity',
  'unitPrice',
  'discountPercent',
  'taxGroup',
] as const
export type LineColumn = (typeof LINE_COLUMNS)[number]

/** Columns whose own widget uses Enter and the arrows (a list that opens): the editor leaves those keys to it. */
const OWN_KEYS: readonly LineColumn[] = ['product']

/** What a key pressed in the line editor does. */
export type LineKeyAction =
  | { type: 'focus'; row: number; column: LineColumn }
  | { type: 'add' }
  | { type: 'remove'; row: number; focus: { row: number; column: LineColumn } | null }

/** A key as the editor reads it. */
export type LineKey = {
  key: string
  ctrlKey?: boolean
  metaKey?: boolean
  shiftKey?: boolean
  altKey?: boolean
}

/**
 * The line editor's keyboard, as a spreadsheet's: Enter on the last line (or Tab from its last field)
 * adds a line, Enter elsewhere goes down; the up and down arrows move between lines in the same column;
 * Ctrl+Delete removes the line, and so does Delete in an empty field of a blank line. Null: the key does
 * what it does in the field.
 */
export function lineKeyAction(
  key: LineKey,
  at: { row: number; column: LineColumn; rows: number; fieldEmpty: boolean; lineBlank: boolean }
): LineKeyAction | null {
  const lastRow = at.row === at.rows - 1
  const lastColumn = at.column === LINE_COLUMNS.at(-1)
  const command = key.ctrlKey || key.metaKey
  if (key.key === 'Delete' && (command || (at.fieldEmpty && at.lineBlank))) {
    if (at.rows === 1) return { type: 'remove', row: at.row, focus: null }
    const next = lastRow ? at.row - 1 : at.row
    return { type: 'remove', row: at.row, focus: { row: next, column: at.column } }
  }
  if (key.altKey || command) return null
  if (key.key === 'Tab' && !key.shiftKey && lastRow && lastColumn) return { type: 'add' }
  if (OWN_KEYS.includes(at.column)) return null
  if (key.key === 'Enter' && !key.shiftKey) {
    return lastRow ? { type: 'add' } : { type: 'focus', row: at.row + 1, column: at.column }
  }
  if (at.column === 'taxGroup') return null
  if (key.key === 'ArrowDown' && !lastRow)
    return { type: 'focus', row: at.row + 1, column: at.column }
  if (key.key === 'ArrowUp' && at.row > 0)
    return { type: 'focus', row: at.row - 1, column: at.column }
  return null
}

/** The editor row and field of an API error on `lines.N.field`, N counting only the lines sent. */
export function lineErrorPlace(field: string, positions: number[]) {
  const match = /^lines\.(\d+)\.(\w+)$/.exec(field)
  if (!match) return null
  const row = positions[Number(match[1])]
  return row === undefined ? null : { row, field: match[2]! }
}

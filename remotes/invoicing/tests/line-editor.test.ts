import { describe, expect, it } from 'vitest'
import {
  draftLines,
  lineErrorPlace,
  lineFromDocument,
  lineKeyAction,
  newLine,
  parseQuantity,
  quantityText,
} from '../src/forms/line-editor'
import { decimalOf, formatRate, minorOfDecimal } from '../src/forms/money'

const at = (row: number, column: Parameters<typeof lineKeyAction>[1]['column'], rows = 3) => ({
  row,
  column,
  rows,
  fieldEmpty: false,
  lineBlank: false,
})

describe('line editor keyboard', () => {
  it('adds a line with Enter on the last line and with Tab from its last field only', () => {
    expect(lineKeyAction({ key: 'Enter' }, at(2, 'quantity'))).toEqual({ type: 'add' })
    expect(lineKeyAction({ key: 'Tab' }, at(2, 'taxGroup'))).toEqual({ type: 'add' })
    expect(lineKeyAction({ key: 'Tab' }, at(2, 'unitPrice'))).toBeNull()
    expect(lineKeyAction({ key: 'Tab', shiftKey: true }, at(2, 'taxGroup'))).toBeNull()
    expect(lineKeyAction({ key: 'Tab' }, at(1, 'taxGroup'))).toBeNull()
  })

  it('moves down with Enter above the last line, and with the arrows in the same column', () => {
    expect(lineKeyAction({ key: 'Enter' }, at(0, 'unitPrice'))).toEqual({
      type: 'focus',
      row: 1,
      column: 'unitPrice',
    })
    expect(lineKeyAction({ key: 'ArrowDown' }, at(1, 'description'))).toEqual({
      type: 'focus',
      row: 2,
      column: 'description',
    })
    expect(lineKeyAction({ key: 'ArrowUp' }, at(1, 'quantity'))).toEqual({
      type: 'focus',
      row: 0,
      column: 'quantity',
    })
    expect(lineKeyAction({ key: 'ArrowUp' }, at(0, 'quantity'))).toBeNull()
    expect(lineKeyAction({ key: 'ArrowDown' }, at(2, 'quantity'))).toBeNull()
  })

  it('leaves Enter and the arrows to the product list and the arrows to the tax group list', () => {
    expect(lineKeyAction({ key: 'Enter' }, at(2, 'product'))).toBeNull()
    expect(lineKeyAction({ key: 'ArrowDown' }, at(0, 'product'))).toBeNull()
    expect(lineKeyAction({ key: 'ArrowDown' }, at(0, 'taxGroup'))).toBeNull()
  })

  it('removes the line with Ctrl+Delete, or Delete in an empty field of a blank line', () => {
    expect(lineKeyAction({ key: 'Delete', ctrlKey: true }, at(1, 'quantity'))).toEqual({
      type: 'remove',
      row: 1,
      focus: { row: 1, column: 'quantity' },
    })
    // The last line removed puts the cursor on the one above it.
    expect(lineKeyAction({ key: 'Delete', metaKey: true }, at(2, 'discountPercent'))).toEqual({
      type: 'remove',
      row: 2,
      focus: { row: 1, column: 'discountPercent' },
    })
    expect(lineKeyAction({ key: 'Delete' }, at(1, 'quantity'))).toBeNull()
    expect(
      lineKeyAction(
        { key: 'Delete' },
        { ...at(1, 'description'), fieldEmpty: true, lineBlank: true }
      )
    ).toMatchObject({ type: 'remove', row: 1 })
    expect(
      lineKeyAction({ key: 'Delete' }, { ...at(1, 'description'), fieldEmpty: true })
    ).toBeNull()
  })
})

describe('line editor data', () => {
  it('sends only the lines written, with decimal strings of the currency, and where each came from', () => {
    const typed = {
      ...newLine('B'),
      description: ' Conseil ',
      quantity: '2,5 h',
      unitPrice: '150000',
    }
    const product = { ...newLine('C'), productId: 'p-1', productLabel: 'RIZ · Riz' }
    const { lines, positions } = draftLines([newLine(), typed, newLine(), product], 'USD')
    expect(positions).toEqual([1, 3])
    expect(lines).toEqual([
      {
        description: 'Conseil',
        quantity: '2.5',
        unit: 'h',
        unitPrice: '1500.00',
        discountPercent: null,
        taxGroup: 'B',
      },
      // No price: the server takes the catalogue's, converted to the document's currency.
      { productId: 'p-1', quantity: '1', unit: null, discountPercent: null, taxGroup: 'C' },
    ])
  })

  it('keeps a stored unit price with more digits than the currency as it is, and re-reads the others', () => {
    const stored = {
      id: 'l',
      position: 0,
      productId: null,
      description: 'Carburant',
      quantity: '3',
      unit: 'l',
      unitPrice: '1.2345',
      discountPercent: null,
      discountAmount: null,
      taxGroup: 'B',
      taxRate: '16',
      gross: '3.70',
      discount: '0.00',
      net: '3.70',
    }
    const precise = lineFromDocument(stored, 'USD')
    expect(precise.unitPrice).toBeNull()
    expect(draftLines([precise], 'USD').lines[0]!.unitPrice).toBe('1.2345')
    const plain = lineFromDocument({ ...stored, unitPrice: '1500' }, 'CDF')
    expect(plain.unitPrice).toBe('150000')
    expect(plain.quantity).toBe('3 l')
    expect(draftLines([plain], 'CDF').lines[0]!.unitPrice).toBe('1500.00')
  })

  it('places an API error on lines.N on the editor row the sent line N came from', () => {
    expect(lineErrorPlace('lines.1.unitPrice', [0, 3])).toEqual({ row: 3, field: 'unitPrice' })
    expect(lineErrorPlace('lines.4.quantity', [0, 3])).toBeNull()
    expect(lineErrorPlace('customerId', [0])).toBeNull()
  })

  it('converts between minor units and decimal strings by the currency digits', () => {
    expect(decimalOf('5', 'USD')).toBe('0.05')
    expect(decimalOf('150000', 'CDF')).toBe('1500.00')
    expect(decimalOf('1500', 'XAF')).toBe('1500')
    expect(decimalOf(null, 'USD')).toBeNull()
    expect(minorOfDecimal('12.5', 'USD')).toBe('1250')
    expect(minorOfDecimal('0.50', 'USD')).toBe('50')
    expect(minorOfDecimal('12.345', 'USD')).toBeNull()
    expect(minorOfDecimal('7', 'XAF')).toBe('7')
  })
})

describe('quantity cell and rates', () => {
  it('reads the unit typed after the quantity, with a decimal comma', () => {
    expect(parseQuantity('40 sacs')).toEqual({ quantity: '40', unit: 'sacs' })
    expect(parseQuantity('1,5 h')).toEqual({ quantity: '1.5', unit: 'h' })
    expect(parseQuantity(' 3 ')).toEqual({ quantity: '3', unit: '' })
    expect(parseQuantity('1,')).toEqual({ quantity: '1', unit: '' })
    // Not a number: sent as typed, for the server to refuse on the quantity field.
    expect(parseQuantity('beaucoup')).toEqual({ quantity: 'beaucoup', unit: '' })
    expect(quantityText({ quantity: '40', unit: 'sacs' })).toBe('40 sacs')
    expect(quantityText({ quantity: '2', unit: '' })).toBe('2')
  })

  it('writes a rate the locale way, six decimals at most, trailing zeros dropped', () => {
    expect(formatRate('2850.000000', 'en')).toBe('2,850')
    expect(formatRate('2850.125000', 'fr').replace(/\s/g, ' ')).toBe('2 850,125')
    expect(formatRate('0.000350877192982456', 'en')).toBe('0.00035')
  })
})

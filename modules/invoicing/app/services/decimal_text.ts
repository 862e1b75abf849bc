import { Decimal } from '@ia/kernel/contracts'

/** A stored `numeric` without the zeros its column scale pads it with ("16.0000" -> "16", "2.5000" -> "2.5"). */
export function decimalText(value: string): string
export function decimalText(value: string | null): string | null
export function decimalText(value: string | null) {
  return value === null ? null : new Decimal(value).toString()
}

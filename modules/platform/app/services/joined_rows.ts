import { DateTime } from 'luxon'
import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'

/**
 * Reading two models in one query: the second model's columns are selected under `<alias>:<column>` and the
 * row is split back in two, each half hydrated by its own model (so column types are consumed as usual).
 */

/** `alias.column as "alias:column"` for each column of `model`, to add to a select. */
export function aliasedColumns(model: LucidModel, alias: string) {
  return [...model.$columnsDefinitions.values()].map(
    (column) => `${alias}.${column.columnName} as ${alias}:${column.columnName}`
  )
}

/** Splits a joined row into the columns selected under `alias` (prefix removed) and the others. */
export function splitRow(row: Record<string, unknown>, alias: string) {
  const prefix = `${alias}:`
  const own: Record<string, unknown> = {}
  const joined: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith(prefix)) joined[key.slice(prefix.length)] = value
    else own[key] = value
  }
  return { own, joined }
}

/**
 * A new instance of `template`'s model in the same persisted state: what hydrating the same row again gives,
 * without parsing its columns again (how the access cache hands each request its own models). Objects other
 * than dates (JSON columns) are copied too, so that a request changing one changes only its own.
 */
export function copyOfRow<T extends LucidRow>(template: T): T {
  const copy = new (template.constructor as LucidModel)() as T
  copy.$attributes = copyValues(template.$attributes)
  copy.$original = copyValues(template.$original)
  copy.$extras = copyValues(template.$extras)
  copy.$isPersisted = true
  copy.$isLocal = false
  return copy
}

function copyValues(values: Record<string, unknown>) {
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values)) {
    copy[key] =
      value !== null && typeof value === 'object' && !DateTime.isDateTime(value)
        ? structuredClone(value)
        : value
  }
  return copy
}

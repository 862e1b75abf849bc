import type { LucidModel } from '@adonisjs/lucid/types/model'

/**
 * Reading two models in one query: the second model's columns are selected under `<alias>:<column>` and the
 * row is split back in two, each half hydrated by its own model (so column types are consumed as usual).
 */

/** `alias.column as "alias:column"` for each column of `model`, to add to a select. */
export function aliasedColumns(model: LucidModel, alias: string) {
  return [...model.$columnsDefinitions.values()].map((column) => `${alias}.${column.columnName} as ${alias}:${column.columnName}`)
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

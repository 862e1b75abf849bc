#!/usr/bin/env node
/*
 * Module data boundaries, checked on every `npm test`: a module never names another module's tables,
 * and its module.json id is its folder's name. Import boundaries are dependency-cruiser's rules
 * (`.dependency-cruiser.cjs`), checked on the resolved import graph.
 *
 * Usage: check_boundaries.mjs [root]   (root: the repository, by default the one holding this file)
 *
 * What it reads: table names in query-builder calls, model declarations and SQL text.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Every rule the check enforces, with the reason printed beside each violation. */
export const RULES = {
  'no-foreign-tables':
    "a module never reads or writes another module's tables; it calls that module's contracts",
  'module-id-matches-folder':
    "the host finds a module, its schema and its package by one name: module.json's id is its folder's name",
}

/** A migration may declare a foreign key to these platform tables (tenancy integrity). */
const PLATFORM_TABLES_FOR_MIGRATIONS = new Set(['organizations', 'users'])

function sourceFiles(dir) {
  const files = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...sourceFiles(path))
    else if (/\.(ts|mts|cts|tsx|js|mjs|cjs)$/.test(entry.name)) files.push(path)
  }
  return files
}

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Table references naming `schema`, matched without regard to case (SQL keywords and unquoted
 * identifiers are case-insensitive) and with quoted identifiers (`"contacts"."contacts"`).
 */
function tablePattern(schema) {
  const builder = `(?:from|join|leftJoin|rightJoin|innerJoin|fullOuterJoin|crossJoin|into|table|inTable|update|query)\\s*\\(\\s*['"\`]`
  const declaration = `table\\s*=\\s*['"\`]`
  const sql = `\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES|TRUNCATE|USING)\\s+(?:ONLY\\s+)?`
  const name = `"?${escapeRegExp(schema)}"?\\s*\\.\\s*"?([a-z_][a-z0-9_$]*)"?`
  return new RegExp(`(?:${builder}|${declaration}|${sql})${name}`, 'gi')
}

/** `withSchema('<schema>')` puts every table of the query in another module's schema. */
function withSchemaPattern(schema) {
  return new RegExp(`withSchema\\s*\\(\\s*['"\`]${escapeRegExp(schema)}['"\`]`, 'gi')
}

/** Checks every module under `root`/modules; returns the violations as [rule, where, what]. */
export function checkBoundaries(root) {
  const modulesDir = join(root, 'modules')
  const moduleIds = readdirSync(modulesDir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(modulesDir, entry.name, 'module.json'))
    )
    .map((entry) => entry.name)
  const violations = []

  for (const moduleId of moduleIds) {
    const moduleRoot = join(modulesDir, moduleId)
    const manifest = join(moduleRoot, 'module.json')
    let declaredId
    try {
      declaredId = JSON.parse(readFileSync(manifest, 'utf8')).id
    } catch (error) {
      declaredId = `unreadable module.json (${error.message})`
    }
    if (declaredId !== moduleId) {
      violations.push([
        'module-id-matches-folder',
        relative(root, manifest),
        `id ${JSON.stringify(declaredId)} in folder "${moduleId}"`,
      ])
    }

    const foreignSchemas = moduleIds.filter((id) => id !== moduleId)
    for (const file of sourceFiles(moduleRoot)) {
      const rel = relative(root, file)
      const inMigrations = rel.includes(`${sep}database${sep}migrations${sep}`)
      const text = readFileSync(file, 'utf8')

      for (const schema of foreignSchemas) {
        for (const match of text.matchAll(tablePattern(schema))) {
          const table = match[1].toLowerCase()
          if (inMigrations && schema === 'platform' && PLATFORM_TABLES_FOR_MIGRATIONS.has(table))
            continue
          violations.push([
            'no-foreign-tables',
            `${rel}:${lineOf(text, match.index)}`,
            `${schema}.${table}`,
          ])
        }
        for (const match of text.matchAll(withSchemaPattern(schema))) {
          violations.push([
            'no-foreign-tables',
            `${rel}:${lineOf(text, match.index)}`,
            `withSchema('${schema}')`,
          ])
        }
      }
    }
  }
  return { moduleIds, violations }
}

const invokedDirectly =
  process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href
if (invokedDirectly) {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL('../..', import.meta.url)))
  const { moduleIds, violations } = checkBoundaries(root)
  if (violations.length) {
    for (const [rule, where, what] of violations)
      console.error(`${rule}: ${where} -> ${what}\n  why: ${RULES[rule]}`)
    console.error(`\nboundaries: 0 passed, ${violations.length} failed`)
    process.exit(1)
  }
  console.log(`boundaries: ${moduleIds.length} modules checked, no violation`)
}

#!/usr/bin/env node
/*
 * Module boundaries, checked on every `npm test`. Each rule has a name and the reason it exists.
 * A module talks to another only through that module's `contracts/` (or its events), never its
 * files or its tables; the platform is the one exception every module may use, again only through
 * `@ia/platform/contracts` (and `@ia/platform/testing` from tests).
 *
 * Usage: check_boundaries.mjs [root]   (root: the repository, by default the one holding this file)
 *
 * What it reads: import/export declarations, import() and require() with a string or template
 * literal, and table names in query-builder calls, model declarations and SQL text. A template's
 * static beginning is checked (`@ia/contacts/${x}` is a violation); a specifier computed entirely at
 * run time (`import(url)`) cannot be checked here.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, relative, resolve, dirname, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Every rule the check enforces, with the reason printed beside each violation. */
export const RULES = {
  'no-reach-outside-module': 'a relative import leaving the module folder couples it to another package\'s files',
  'only-contracts-of-other-modules': 'another module is reached only through its contracts/ (its public service and types)',
  'no-host-imports': 'the backend host composes modules; a module never imports the host (#start, #config, ...)',
  'no-foreign-tables': 'a module never reads or writes another module\'s tables; it calls that module\'s contracts',
  'module-id-matches-folder': 'the host finds a module, its schema and its package by one name: module.json\'s id is its folder\'s name',
}

/** Only these platform entry points are public to other modules. */
const PLATFORM_PUBLIC = new Set(['@ia/platform/contracts'])
const PLATFORM_PUBLIC_IN_TESTS = new Set(['@ia/platform/contracts', '@ia/platform/testing'])

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

// Static declarations; import() and require() (also `require.resolve`, not a method named require)
// with a quoted string; the same two with a template literal.
const QUOTED_IMPORTS = [
  /(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]/g,
  /import\s+['"]([^'"]+)['"]/g,
  /(?<![\w$.])(?:import|require(?:\.resolve)?)\s*\(\s*['"]([^'"]+)['"]\s*[,)]/g,
]
const TEMPLATE_IMPORT = /(?<![\w$.])(?:import|require(?:\.resolve)?)\s*\(\s*`([^`]*)`\s*[,)]/g

/** The part of a template literal known before run time: up to its first `${`. */
function staticPart(specifier) {
  const hole = specifier.indexOf('${')
  return hole === -1 ? { specifier, dynamic: false } : { specifier: specifier.slice(0, hole), dynamic: true }
}

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length
}

/** Which rule a specifier breaks in `moduleId`'s `file`, or null. */
function specifierViolation({ specifier, dynamic }, { file, moduleId, moduleRoot, inTests }) {
  if (specifier.startsWith('.')) {
    // Of a computed path only the complete folders before the hole are known.
    const known = dynamic ? specifier.slice(0, specifier.lastIndexOf('/') + 1) : specifier
    const target = resolve(dirname(file), known)
    return target === moduleRoot || target.startsWith(moduleRoot + sep) ? null : 'no-reach-outside-module'
  }
  if (specifier.startsWith('#')) return 'no-host-imports'
  if (!specifier.startsWith('@ia/')) return null
  const [, name = '', ...rest] = specifier.split('/')
  // `@ia/${x}` or `@ia/con${x}`: the package itself is chosen at run time.
  if (dynamic && rest.length === 0) return name === moduleId ? null : 'only-contracts-of-other-modules'
  if (name === moduleId) return null
  if (name === 'platform') {
    if (moduleId === 'platform') return null
    const allowed = inTests ? PLATFORM_PUBLIC_IN_TESTS : PLATFORM_PUBLIC
    return !dynamic && allowed.has(specifier) ? null : 'only-contracts-of-other-modules'
  }
  return !dynamic && specifier === `@ia/${name}/contracts` ? null : 'only-contracts-of-other-modules'
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
    .filter((entry) => entry.isDirectory() && existsSync(join(modulesDir, entry.name, 'module.json')))
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
      violations.push(['module-id-matches-folder', relative(root, manifest), `id ${JSON.stringify(declaredId)} in folder "${moduleId}"`])
    }

    const foreignSchemas = moduleIds.filter((id) => id !== moduleId)
    for (const file of sourceFiles(moduleRoot)) {
      const rel = relative(root, file)
      const inTests = rel.includes(`${sep}tests${sep}`)
      const inMigrations = rel.includes(`${sep}database${sep}migrations${sep}`)
      const text = readFileSync(file, 'utf8')
      const context = { file, moduleId, moduleRoot, inTests }

      const specifiers = [
        ...QUOTED_IMPORTS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => [match, { specifier: match[1], dynamic: false }])),
        ...[...text.matchAll(TEMPLATE_IMPORT)].map((match) => [match, staticPart(match[1])]),
      ]
      for (const [match, parsed] of specifiers) {
        if (parsed.dynamic && parsed.specifier === '') continue
        const rule = specifierViolation(parsed, context)
        if (rule) violations.push([rule, `${rel}:${lineOf(text, match.index)}`, match[1]])
      }

      for (const schema of foreignSchemas) {
        for (const match of text.matchAll(tablePattern(schema))) {
          const table = match[1].toLowerCase()
          if (inMigrations && schema === 'platform' && PLATFORM_TABLES_FOR_MIGRATIONS.has(table)) continue
          violations.push(['no-foreign-tables', `${rel}:${lineOf(text, match.index)}`, `${schema}.${table}`])
        }
        for (const match of text.matchAll(withSchemaPattern(schema))) {
          violations.push(['no-foreign-tables', `${rel}:${lineOf(text, match.index)}`, `withSchema('${schema}')`])
        }
      }
    }
  }
  return { moduleIds, violations }
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href
if (invokedDirectly) {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL('../..', import.meta.url)))
  const { moduleIds, violations } = checkBoundaries(root)
  if (violations.length) {
    for (const [rule, where, what] of violations) console.error(`${rule}: ${where} -> ${what}\n  why: ${RULES[rule]}`)
    console.error(`\nboundaries: 0 passed, ${violations.length} failed`)
    process.exit(1)
  }
  console.log(`boundaries: ${moduleIds.length} modules checked, no violation`)
}

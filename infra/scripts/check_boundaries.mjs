#!/usr/bin/env node
/*
 * Module boundaries, checked on every `npm test`. Each rule has a name and the reason it exists.
 * A module talks to another only through that module's `contracts/` (or its events), never its
 * files or its tables; the platform is the one exception every module may use, again only through
 * `@ia/platform/contracts` (and `@ia/platform/testing` from tests).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, relative, resolve, dirname, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const MODULES = join(ROOT, 'modules')

const RULES = {
  'no-reach-outside-module': 'a relative import leaving the module folder couples it to another package\'s files',
  'only-contracts-of-other-modules': 'another module is reached only through its contracts/ (its public service and types)',
  'no-host-imports': 'the backend host composes modules; a module never imports the host (#start, #config, ...)',
  'no-foreign-tables': 'a module never reads or writes another module\'s tables; it calls that module\'s contracts',
}

/** Only these platform entry points are public to other modules. */
const PLATFORM_PUBLIC = new Set(['@ia/platform/contracts'])
const PLATFORM_PUBLIC_IN_TESTS = new Set(['@ia/platform/contracts', '@ia/platform/testing'])

function sourceFiles(dir) {
  const files = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...sourceFiles(path))
    else if (/\.(ts|mts|js|mjs)$/.test(entry.name)) files.push(path)
  }
  return files
}

const IMPORT = /(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g

const moduleIds = readdirSync(MODULES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(MODULES, entry.name, 'module.json')))
  .map((entry) => entry.name)

const violations = []

for (const moduleId of moduleIds) {
  const moduleRoot = join(MODULES, moduleId)
  const foreignSchemas = moduleIds.filter((id) => id !== moduleId)
  for (const file of sourceFiles(moduleRoot)) {
    const rel = relative(ROOT, file)
    const inTests = rel.includes(`${sep}tests${sep}`)
    const inMigrations = rel.includes(`${sep}database${sep}migrations${sep}`)
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3]
      const line = text.slice(0, match.index).split('\n').length
      const where = `${rel}:${line}`
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier)
        if (!target.startsWith(moduleRoot + sep)) violations.push(['no-reach-outside-module', where, specifier])
      } else if (specifier.startsWith('#')) {
        violations.push(['no-host-imports', where, specifier])
      } else if (specifier.startsWith('@ia/')) {
        const [, name] = specifier.split('/')
        if (name === moduleId) continue
        if (name === 'platform') {
          const allowed = inTests ? PLATFORM_PUBLIC_IN_TESTS : PLATFORM_PUBLIC
          if (moduleId !== 'platform' && !allowed.has(specifier)) {
            violations.push(['only-contracts-of-other-modules', where, specifier])
          }
        } else if (specifier !== `@ia/${name}/contracts`) {
          violations.push(['only-contracts-of-other-modules', where, specifier])
        }
      }
    }
    // Table references: query-builder calls and model declarations naming a table, and raw SQL.
    // A migration may declare a foreign key to the platform's organisations (tenancy integrity).
    for (const schema of foreignSchemas) {
      const builder = `(?:from|join|leftJoin|rightJoin|innerJoin|into|table|inTable|withSchema|update|query)\\s*\\(\\s*['"\`]`
      const declaration = `table\\s*=\\s*['"\`]`
      const sql = `(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\\s+`
      const pattern = new RegExp(`(?:${builder}|${declaration}|${sql})${schema}\\.([a-z_]+)`, 'g')
      for (const match of text.matchAll(pattern)) {
        if (inMigrations && schema === 'platform' && ['organizations', 'users'].includes(match[1])) continue
        const line = text.slice(0, match.index).split('\n').length
        violations.push(['no-foreign-tables', `${relative(ROOT, file)}:${line}`, `${schema}.${match[1]}`])
      }
    }
  }
}

if (violations.length) {
  for (const [rule, where, what] of violations) console.error(`${rule}: ${where} -> ${what}\n  why: ${RULES[rule]}`)
  console.error(`\nboundaries: 0 passed, ${violations.length} failed`)
  process.exit(1)
}
console.log(`boundaries: ${moduleIds.length} modules checked, no violation`)

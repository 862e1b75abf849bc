/*
 * check_boundaries.mjs (tables and module ids) against small module trees written to a temporary
 * folder: a clean tree passes, and each rule fails on the smallest file that breaks it.
 */
import { test, describe, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { checkBoundaries } from './check_boundaries.mjs'

const SCRIPT = fileURLToPath(new URL('./check_boundaries.mjs', import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), 'check-boundaries-'))
after(() => rmSync(scratch, { recursive: true, force: true }))

/** Three modules written the way the rules want them. */
const CLEAN = {
  'modules/platform/module.json': JSON.stringify({ id: 'platform' }),
  'modules/platform/contracts/index.ts': `export * from './tenant_context.js'\n`,
  'modules/platform/app/jobs/delivery.ts': [
    `import { tenantContext } from '../../contracts/index.js'`,
    `export const claim = (db) => db.rawQuery('UPDATE platform.jobs SET status = ? FROM platform.outbox', ['running'])`,
    `export const org = () => tenantContext.require()`,
  ].join('\n'),
  'modules/contacts/module.json': JSON.stringify({ id: 'contacts' }),
  'modules/contacts/contracts/index.ts': `export type { ContactSummary } from '../app/types.js'\n`,
  'modules/contacts/app/models/contact.ts': [
    `import { TenantModel } from '@ia/platform/contracts'`,
    `import type { Row } from '../types.js'`,
    `export default class Contact extends TenantModel { static table = 'contacts.contacts' }`,
  ].join('\n'),
  'modules/contacts/app/queries/list_contacts.ts': [
    `const { readFileSync } = require('node:fs')`,
    `const handler = (name) => import(\`./handlers/\${name}.js\`)`,
    `const anything = (url) => import(\`\${url}\`)`,
    `export const list = (db) => db.rawQuery('SELECT * FROM "contacts"."contacts" JOIN contacts.contact_imports USING (id)')`,
    `export const viaBuilder = (db) => db.from('contacts.contacts').withSchema('contacts')`,
  ].join('\n'),
  'modules/contacts/database/migrations/0001_create_contacts.ts': [
    `export const up = (schema) => schema.createTable('contacts.contacts', (table) => {`,
    `  table.uuid('organization_id').references('id').inTable('platform.organizations')`,
    `  table.uuid('user_id').references('id').inTable('platform.users')`,
    `})`,
    `export const raw = 'ALTER TABLE contacts.contacts ADD FOREIGN KEY (organization_id) REFERENCES platform.organizations (id)'`,
  ].join('\n'),
  'modules/contacts/tests/functional/list.spec.ts': `import { createOrganization } from '@ia/platform/testing'\n`,
  'modules/invoicing/module.json': JSON.stringify({ id: 'invoicing' }),
  'modules/invoicing/app/actions/issue_invoice.ts': [
    `import { contacts } from '@ia/contacts/contracts'`,
    `import { jobs } from '@ia/platform/contracts'`,
    `const { events } = await import('@ia/platform/contracts')`,
    `export const note = 'an invoice is issued from contacts, picked from a list'`,
  ].join('\n'),
}

let trees = 0
/** Writes CLEAN plus `extra` (a file's text, or null to drop the file) to a new folder; returns it. */
function tree(extra = {}) {
  const root = join(scratch, `tree-${++trees}`)
  for (const [path, text] of Object.entries({ ...CLEAN, ...extra })) {
    if (text === null) continue
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

/** The violations of CLEAN plus `extra`, as [rule, what] pairs. */
function violationsOf(extra) {
  return checkBoundaries(tree(extra)).violations.map(([rule, , what]) => [rule, what])
}

/** Asserts that each file alone breaks `rule` once, naming `what`. */
function assertEachFails(rule, cases) {
  for (const [label, path, text, what] of cases) {
    test(label, () => {
      assert.deepEqual(violationsOf({ [path]: text }), [[rule, what]])
    })
  }
}

describe('check_boundaries', () => {
  test('a clean tree passes', () => {
    const { moduleIds, violations } = checkBoundaries(tree())
    assert.deepEqual(violations, [])
    assert.deepEqual(moduleIds.sort(), ['contacts', 'invoicing', 'platform'])
  })

  describe('no-foreign-tables', () => {
    const file = 'modules/invoicing/app/queries/list_invoices.ts'
    assertEachFails('no-foreign-tables', [
      [
        'upper-case raw SQL',
        file,
        `db.rawQuery('SELECT * FROM contacts.contacts')`,
        'contacts.contacts',
      ],
      [
        'lower-case raw SQL',
        file,
        'db.rawQuery(`select name from contacts.contacts where id = ?`)',
        'contacts.contacts',
      ],
      [
        'quoted identifiers',
        file,
        `db.rawQuery('SELECT 1 FROM "contacts"."contacts"')`,
        'contacts.contacts',
      ],
      [
        'a quoted schema only',
        file,
        `db.rawQuery('SELECT 1 FROM invoicing.invoices i JOIN "contacts".contacts c ON true')`,
        'contacts.contacts',
      ],
      [
        'a write',
        file,
        `db.rawQuery('insert into contacts.contact_imports (id) values (?)')`,
        'contacts.contact_imports',
      ],
      [
        'a query-builder call',
        file,
        `db.from('contacts.contacts').select('id')`,
        'contacts.contacts',
      ],
      [
        "a model on another module's table",
        file,
        `class Contact { static table = 'contacts.contacts' }`,
        'contacts.contacts',
      ],
      [
        "a query on another module's schema",
        file,
        `db.query().withSchema('contacts').from('contacts')`,
        `withSchema('contacts')`,
      ],
      [
        'a platform table other than organisations and users',
        'modules/contacts/database/migrations/0009_x.ts',
        `table.uuid('job_id').references('id').inTable('platform.jobs')`,
        'platform.jobs',
      ],
      [
        'platform users outside migrations',
        'modules/contacts/app/queries/owners.ts',
        `db.rawQuery('SELECT email FROM platform.users')`,
        'platform.users',
      ],
    ])
  })

  describe('module-id-matches-folder', () => {
    const manifest = 'modules/invoicing/module.json'
    assertEachFails('module-id-matches-folder', [
      [
        "an id that is not the folder's name",
        manifest,
        JSON.stringify({ id: 'billing' }),
        'id "billing" in folder "invoicing"',
      ],
      [
        'no id',
        manifest,
        JSON.stringify({ version: '1.0.0' }),
        'id undefined in folder "invoicing"',
      ],
    ])
    test('an unreadable module.json', () => {
      const [[rule, what]] = violationsOf({ [manifest]: '{ "id": ' })
      assert.equal(rule, 'module-id-matches-folder')
      assert.match(what, /^id "unreadable module\.json/)
    })
  })

  test('the command exits 1 and names the rule and the line on a violation, 0 on a clean tree', () => {
    const broken = tree({
      'modules/invoicing/app/x.ts': `\n\ndb.rawQuery('SELECT 1 FROM contacts.contacts')\n`,
    })
    const failed = spawnSync(process.execPath, [SCRIPT, broken], { encoding: 'utf8' })
    assert.equal(failed.status, 1)
    assert.match(
      failed.stderr,
      /no-foreign-tables: modules\/invoicing\/app\/x\.ts:3 -> contacts\.contacts/
    )
    assert.match(failed.stderr, /boundaries: 0 passed, 1 failed/)

    const clean = spawnSync(process.execPath, [SCRIPT, tree()], { encoding: 'utf8' })
    assert.equal(clean.status, 0, clean.stderr)
    assert.match(clean.stdout, /boundaries: 3 modules checked, no violation/)
  })
})

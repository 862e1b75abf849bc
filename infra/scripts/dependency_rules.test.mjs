/*
 * The dependency-cruiser rules (.dependency-cruiser.cjs) against a small workspace written to a
 * temporary folder, linked the way pnpm links ours: the clean tree passes, and each rule fails on the
 * smallest file that breaks it, through the same command `npm test` runs.
 */
import { test, describe, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CONFIG = join(ROOT, '.dependency-cruiser.cjs')
const CLI = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs')
const scratch = mkdtempSync(join(tmpdir(), 'dependency-rules-'))
after(() => rmSync(scratch, { recursive: true, force: true }))

const pkg = (name, exports) => JSON.stringify({ name, type: 'module', exports })

/** A kernel, the platform, two domain modules, the shell's packages and a remote, importing only what they may. */
const CLEAN = {
  'modules/kernel/package.json': pkg('@ia/kernel', {
    './contracts': './contracts/index.ts',
    './catalog': './catalog/module_catalog.ts',
  }),
  'modules/kernel/contracts/index.ts': `export { tenantContext } from '../tenancy/tenant_context.ts'\n`,
  'modules/kernel/tenancy/tenant_context.ts': `export const tenantContext = {}\n`,
  'modules/kernel/catalog/module_catalog.ts': `export const moduleCatalog = []\n`,
  'modules/platform/package.json': pkg('@ia/platform', {
    './contracts': './contracts/index.ts',
    './testing': './tests/helpers.ts',
  }),
  'modules/platform/contracts/index.ts': `export { default as User } from '../app/models/user.ts'\n`,
  'modules/platform/app/models/user.ts': `import { tenantContext } from '@ia/kernel/contracts'\nimport { moduleCatalog } from '@ia/kernel/catalog'\nexport default class User {}\n`,
  'modules/platform/tests/helpers.ts': `import User from '../app/models/user.ts'\nexport const createUser = () => new User()\n`,
  'modules/contacts/package.json': pkg('@ia/contacts', { './contracts': './contracts/index.ts' }),
  'modules/contacts/contracts/index.ts': `export { directory } from './directory.ts'\n`,
  'modules/contacts/contracts/directory.ts': `import Contact from '../app/models/contact.ts'\nexport const directory = { Contact }\n`,
  'modules/contacts/app/models/contact.ts': `import { tenantContext } from '@ia/kernel/contracts'\nexport default class Contact {}\n`,
  'modules/invoicing/package.json': pkg('@ia/invoicing', { './contracts': './contracts/index.ts' }),
  'modules/invoicing/contracts/index.ts': `export const invoices = {}\n`,
  'modules/invoicing/app/issue_invoice.ts': `import { directory } from '@ia/contacts/contracts'\nimport { tenantContext } from '@ia/kernel/contracts'\nexport const issue = () => directory\n`,
  'modules/invoicing/tests/issue.spec.ts': `import { createUser } from '@ia/platform/testing'\nimport { issue } from '../app/issue_invoice.ts'\n`,
  'backend/start/env.ts': `export default {}\n`,
  'backend/start/routes.ts': `import { User } from '@ia/platform/contracts'\nimport { moduleCatalog } from '@ia/kernel/catalog'\n`,
  'shell/sdk/package.json': pkg('@ia/sdk', { '.': './src/index.ts' }),
  'shell/sdk/src/index.ts': `export { client } from './client.ts'\n`,
  'shell/sdk/src/client.ts': `export const client = {}\n`,
  'shell/ui/package.json': pkg('@ia/ui', { '.': './src/index.ts' }),
  'shell/ui/src/index.ts': `export const Button = {}\n`,
  'shell/app/package.json': pkg('@ia/shell', {}),
  'shell/app/src/main.ts': `import { client } from '@ia/sdk'\nimport { Button } from '@ia/ui'\n`,
  'remotes/invoicing/package.json': pkg('@ia/remote-invoicing', {}),
  'remotes/invoicing/src/routes.ts': `import { client } from '@ia/sdk'\nexport const routes = [() => import('./InvoicePage.vue')]\n`,
  'remotes/invoicing/src/InvoicePage.vue': `<script setup lang="ts">\nimport { Button } from '@ia/ui'\nimport { routes } from './routes.ts'\n</script>\n<template><div /></template>\n`,
}

/** How pnpm links the workspace packages: by name, into node_modules. */
const LINKS = {
  '@ia/kernel': 'modules/kernel',
  '@ia/platform': 'modules/platform',
  '@ia/contacts': 'modules/contacts',
  '@ia/invoicing': 'modules/invoicing',
  '@ia/sdk': 'shell/sdk',
  '@ia/ui': 'shell/ui',
}

let trees = 0
/** Writes CLEAN plus `extra` to a new folder with its node_modules links; returns the folder. */
function tree(extra = {}) {
  const root = join(scratch, `tree-${++trees}`)
  for (const [path, text] of Object.entries({ ...CLEAN, ...extra })) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  mkdirSync(join(root, 'node_modules', '@ia'), { recursive: true })
  for (const [name, folder] of Object.entries(LINKS))
    symlinkSync(join(root, folder), join(root, 'node_modules', name), 'dir')
  return root
}

/** Runs the rules as `npm test` does; answers the exit status and the [rule, from] pairs it printed. */
function cruise(root) {
  const result = spawnSync(
    process.execPath,
    [CLI, 'backend', 'modules', 'shell', 'remotes', '--config', CONFIG],
    { cwd: root, encoding: 'utf8' }
  )
  const violations = [...result.stdout.matchAll(/^\s*error (\S+): (\S+) → /gm)].map((match) => [
    match[1],
    match[2],
  ])
  return { status: result.status, violations, output: result.stdout + result.stderr }
}

describe('dependency rules', () => {
  test('the clean tree passes, .vue files included', () => {
    const { status, violations, output } = cruise(tree())
    assert.deepEqual(violations, [])
    assert.equal(status, 0, output)
    // Every one of the tree's 20 source files was read (the .vue case below proves .vue files are parsed).
    assert.match(output, /no dependency violations found \(20 modules/)
  })

  /** Each case: [label, file, its text, the rules it must break]. */
  const CASES = [
    [
      "a deep import past another package's exports",
      'modules/invoicing/app/x.ts',
      `import Contact from '@ia/contacts/app/models/contact.ts'\n`,
      ['imports-resolve-through-package-exports'],
    ],
    [
      "a relative import into another module's models",
      'modules/invoicing/app/x.ts',
      `import Contact from '../../contacts/app/models/contact.ts'\n`,
      [
        'no-relative-reach-into-another-package',
        'modules-reach-other-modules-only-through-contracts',
      ],
    ],
    [
      'the kernel importing the platform',
      'modules/kernel/tenancy/x.ts',
      `import { User } from '@ia/platform/contracts'\n`,
      ['kernel-imports-nothing-from-the-platform'],
    ],
    [
      'a domain module importing the platform',
      'modules/invoicing/app/x.ts',
      `import { User } from '@ia/platform/contracts'\n`,
      ['domain-modules-use-the-kernel-not-the-platform'],
    ],
    [
      "a domain module's test reaching the platform's models",
      'modules/invoicing/tests/x.spec.ts',
      `import { User } from '@ia/platform/contracts'\n`,
      ['module-tests-use-only-the-platform-testing-entry'],
    ],
    [
      'a domain module reading the catalogue',
      'modules/invoicing/app/x.ts',
      `import { moduleCatalog } from '@ia/kernel/catalog'\n`,
      ['only-the-host-and-platform-read-the-module-catalogue'],
    ],
    [
      'a module importing the host',
      'modules/invoicing/app/x.ts',
      `import env from '#start/env'\n`,
      ['modules-never-import-the-host'],
    ],
    [
      'a remote importing the shell app',
      'remotes/invoicing/src/Bad.vue',
      `<script setup lang="ts">\nimport '../../../shell/app/src/main.ts'\n</script>\n`,
      [
        'no-relative-reach-into-another-package',
        'remotes-import-only-the-sdk-the-kit-and-themselves',
      ],
    ],
    [
      "a remote importing the SDK's internals",
      'remotes/invoicing/src/x.ts',
      `import { client } from '@ia/sdk/src/client.ts'\n`,
      ['imports-resolve-through-package-exports'],
    ],
    [
      'the shell importing a remote',
      'shell/app/src/x.ts',
      `import { routes } from '../../../remotes/invoicing/src/routes.ts'\n`,
      ['no-relative-reach-into-another-package', 'the-shell-never-imports-a-remote'],
    ],
    [
      'the SDK importing the shell app',
      'shell/sdk/src/x.ts',
      `import '../../app/src/main.ts'\n`,
      ['no-relative-reach-into-another-package', 'shell-packages-never-import-the-app'],
    ],
    [
      'browser code importing backend code',
      'shell/ui/src/x.ts',
      `import { tenantContext } from '@ia/kernel/contracts'\n`,
      ['the-frontend-never-imports-backend-code'],
    ],
  ]
  for (const [label, file, text, rules] of CASES) {
    test(`${label} fails ${rules.join(' and ')}`, () => {
      const { status, violations } = cruise(tree({ [file]: text }))
      assert.notEqual(status, 0)
      assert.deepEqual(violations.map(([rule]) => rule).sort(), [...rules].sort())
      for (const [, from] of violations) assert.equal(from, file)
    })
  }
})

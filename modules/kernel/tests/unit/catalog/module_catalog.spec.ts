import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { ModuleCatalog } from '../../../catalog/module_catalog.ts'

const text = (value: string) => ({ fr: value, en: value })
const remote = {
  name: 'ledger',
  dist: './dist',
  routeBase: '/ledger',
  navigation: [{ path: '/ledger', label: text('Grand livre'), permission: 'ledger.entry.read' }],
}
const valid = {
  id: 'ledger',
  version: '1.0.0',
  name: text('Ledger'),
  description: text('Ledger'),
  category: 'finance',
  depends: [],
  permissions: ['ledger.entry.read'],
  provider: null,
  remote,
}

/** A catalog of one module folder named `folder` holding `manifest`. */
async function catalogOf(folder: string, manifest: Record<string, unknown>) {
  const root = await mkdtemp(join(tmpdir(), 'ia-catalog-'))
  try {
    await mkdir(join(root, folder))
    await writeFile(join(root, folder, 'module.json'), JSON.stringify(manifest))
    return new ModuleCatalog(root, root)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

test.group('ModuleCatalog / manifests', () => {
  test('reads a complete manifest', async ({ assert }) => {
    const catalog = await catalogOf('ledger', valid)
    assert.equal(catalog.find('ledger')?.remote?.routeBase, '/ledger')
  })

  test('refuses {name}')
    .with([
      {
        name: 'an id other than the folder name',
        folder: 'grand-livre',
        manifest: valid,
        error: /must be the folder's name, "grand-livre"/,
      },
      {
        name: 'a name without English',
        folder: 'ledger',
        manifest: { ...valid, name: { fr: 'Grand livre' } },
        error: /"name" needs both "fr" and "en"/,
      },
      {
        name: 'a missing version',
        folder: 'ledger',
        manifest: { ...valid, version: '' },
        error: /"version" is required/,
      },
      {
        name: 'a permission of another module',
        folder: 'ledger',
        manifest: { ...valid, permissions: ['contacts.contact.read'] },
        error: /must start with "ledger\."/,
      },
      {
        name: 'a route base that is not a path',
        folder: 'ledger',
        manifest: { ...valid, remote: { ...remote, routeBase: 'ledger' } },
        error: /"remote.routeBase"/,
      },
      {
        name: 'a remote name that is not an identifier',
        folder: 'ledger',
        manifest: { ...valid, remote: { ...remote, name: 'grand-livre' } },
        error: /"remote.name"/,
      },
      {
        name: 'navigation outside the route base',
        folder: 'ledger',
        manifest: {
          ...valid,
          remote: { ...remote, navigation: [{ path: '/contacts', label: text('x') }] },
        },
        error: /must start with "\/ledger"/,
      },
      {
        name: 'navigation without an English label',
        folder: 'ledger',
        manifest: {
          ...valid,
          remote: { ...remote, navigation: [{ path: '/ledger', label: { fr: 'x' } }] },
        },
        error: /needs "fr" and "en" labels/,
      },
      {
        name: "navigation behind another module's permission",
        folder: 'ledger',
        manifest: {
          ...valid,
          remote: {
            ...remote,
            navigation: [
              { path: '/ledger', label: text('x'), permission: 'contacts.contact.read' },
            ],
          },
        },
        error: /of another module/,
      },
    ])
    .run(async ({ assert }, { folder, manifest, error }) => {
      await assert.rejects(() => catalogOf(folder, manifest), error)
    })
})

test.group('ModuleCatalog / test fixture modules', () => {
  test("finds a package's fixture modules only when asked to", async ({ assert }) => {
    const root = await mkdtemp(join(tmpdir(), 'ia-catalog-'))
    try {
      await mkdir(join(root, 'ledger', 'tests', 'fixtures', 'modules', 'probe'), {
        recursive: true,
      })
      await writeFile(join(root, 'ledger', 'module.json'), JSON.stringify(valid))
      const probe = { ...valid, id: 'probe', permissions: [], remote: null }
      await writeFile(
        join(root, 'ledger', 'tests', 'fixtures', 'modules', 'probe', 'module.json'),
        JSON.stringify(probe)
      )
      assert.deepEqual(
        new ModuleCatalog(root, root).modules.map((module) => module.id),
        ['ledger']
      )
      assert.deepEqual(
        new ModuleCatalog(root, root, { testFixtures: true }).modules.map((module) => module.id),
        ['ledger', 'probe']
      )
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})

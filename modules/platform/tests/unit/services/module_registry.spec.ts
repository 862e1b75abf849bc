import { test } from '@japa/runner'
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import { BentoCache, bentostore } from 'bentocache'
import { memoryDriver } from 'bentocache/drivers/memory'
import i18nManager from '@adonisjs/i18n/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ModuleCatalog } from '@ia/kernel/catalog'
import { ModuleRegistry } from '../../../app/services/module_registry.ts'
import { type DomainModuleProvider, DomainError, tenantContext } from '@ia/kernel/contracts'
import AuditEntry from '../../../app/models/audit_entry.ts'
import { createOwnerWithOrganization } from '../../helpers.ts'

/** Well-formed SHA-384 hashes (64 base64 characters). */
const [HASH_A, HASH_B, HASH_C] = ['A', 'B', 'C'].map((letter) => `sha384-${letter.repeat(64)}`)

const text = (value: string) => ({ fr: value, en: value })

function manifest(id: string, depends: string[], extra: Record<string, unknown> = {}) {
  return {
    id,
    version: '1.0.0',
    name: text(id),
    description: text(id),
    category: 'test',
    depends,
    permissions: [],
    provider: null,
    remote: null,
    ...extra,
  }
}

const memoryCache = () =>
  new BentoCache({ default: 'memory', stores: { memory: bentostore().useL1Layer(memoryDriver()) } })

/** A modules folder: platform (always on), ledger, invoicing -> ledger, reports -> invoicing. */
async function temporaryCatalog() {
  const root = await mkdtemp(join(tmpdir(), 'ia-modules-'))
  const remote = (id: string) => ({
    name: id,
    dist: './dist',
    routeBase: `/${id}`,
    navigation: [{ path: `/${id}`, label: text(id) }],
  })
  const modules = [
    manifest('platform', [], { alwaysOn: true }),
    manifest('ledger', ['platform'], { remote: remote('ledger') }),
    manifest('invoicing', ['ledger'], { remote: remote('invoicing') }),
    manifest('reports', ['invoicing']),
  ]
  for (const module of modules) {
    await mkdir(join(root, module.id), { recursive: true })
    await writeFile(join(root, module.id, 'module.json'), JSON.stringify(module))
  }
  // ledger's remote is built; invoicing's is not.
  await mkdir(join(root, 'ledger', 'dist'), { recursive: true })
  await writeFile(
    join(root, 'ledger', 'dist', 'integrity.json'),
    JSON.stringify({
      files: {
        'remoteEntry.js': HASH_A,
        'assets/main.js': HASH_B,
        '../escape.js': HASH_C,
        'assets/weak.js': 'sha256-' + 'D'.repeat(43) + '=',
      },
    })
  )
  return root
}

test.group('ModuleRegistry', (group) => {
  let root: string
  let installs: string[]
  let registry: ModuleRegistry

  group.setup(async () => {
    root = await temporaryCatalog()
    return () => rm(root, { recursive: true, force: true })
  })
  group.each.setup(() => {
    installs = []
    const counting = (id: string): DomainModuleProvider => ({
      async installForOrganization(organizationId: string, trx: TransactionClientContract) {
        installs.push(
          `${id}:${organizationId}:${trx.isTransaction}:${tenantContext.current() === organizationId}`
        )
      },
    })
    const catalog = new ModuleCatalog(root, root)
    registry = new ModuleRegistry(
      catalog,
      new Map([
        ['ledger', counting('ledger')],
        ['invoicing', counting('invoicing')],
      ]),
      memoryCache(),
      '1m'
    )
    return testUtils.db().withGlobalTransaction()
  })

  const actor = (id: string) => ({ id, ip: '127.0.0.1' })

  test('lists the optional modules with their dependencies, dependants and state', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    await registry.enable(organization.id, 'ledger', actor(owner.id))
    const list = await registry.list(organization.id)
    assert.deepEqual(
      list.map((module) => module.id),
      ['ledger', 'invoicing', 'reports']
    )
    assert.containsSubset(list[0], {
      id: 'ledger',
      depends: [],
      dependants: ['invoicing'],
      enabled: true,
    })
    assert.isString(list[0].enabledAt)
    assert.containsSubset(list[1], {
      id: 'invoicing',
      depends: ['ledger'],
      dependants: ['reports'],
      enabled: false,
      enabledAt: null,
    })
  })

  test('enabling needs the dependencies enabled first, and the error names them', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const error = await registry
      .enable(organization.id, 'invoicing', actor(owner.id))
      .catch((caught) => caught)
    assert.instanceOf(error, DomainError)
    assert.equal(error.code, 'E_MODULE_DEPENDENCY_MISSING')
    assert.equal(error.status, 409)
    assert.deepEqual(error.data, { module: 'invoicing', missing: 'ledger' })
    assert.equal(
      i18nManager.locale('fr').t(error.translationKey, error.data),
      "Le module « invoicing » a besoin de : ledger. Activez-les d'abord."
    )
    assert.isFalse(await registry.isEnabled(organization.id, 'invoicing'))
  })

  test('disabling is refused while an enabled module depends on it, and the error names it', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    await registry.enable(organization.id, 'ledger', actor(owner.id))
    await registry.enable(organization.id, 'invoicing', actor(owner.id))
    const error = await registry
      .disable(organization.id, 'ledger', actor(owner.id))
      .catch((caught) => caught)
    assert.equal(error.code, 'E_MODULE_REQUIRED_BY')
    assert.deepEqual(error.data, { module: 'ledger', dependants: 'invoicing' })
    assert.equal(
      i18nManager.locale('en').t(error.translationKey, error.data),
      'The “ledger” module is used by: invoicing. Disable them first.'
    )
    await registry.disable(organization.id, 'invoicing', actor(owner.id))
    await registry.disable(organization.id, 'ledger', actor(owner.id))
    assert.isFalse(await registry.isEnabled(organization.id, 'ledger'))
  })

  test('the install hook runs once, in the enabling transaction: enable, disable, enable', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    await registry.enable(organization.id, 'ledger', actor(owner.id))
    await registry.disable(organization.id, 'ledger', actor(owner.id))
    await registry.enable(organization.id, 'ledger', actor(owner.id))
    await registry.enable(organization.id, 'ledger', actor(owner.id))
    assert.deepEqual(
      installs,
      [`ledger:${organization.id}:true:true`],
      'in the enabling transaction and the tenant context'
    )
    assert.isTrue(await registry.isEnabled(organization.id, 'ledger'))
    const actions = await AuditEntry.query()
      .where({ organizationId: organization.id, subjectType: 'module' })
      .orderBy('id', 'asc')
    assert.deepEqual(
      actions.map((entry) => entry.action),
      ['module.enabled', 'module.disabled', 'module.enabled']
    )
  })

  test('each organisation installs for itself', async ({ assert }) => {
    const first = await createOwnerWithOrganization()
    const second = await createOwnerWithOrganization()
    await registry.enable(first.organization.id, 'ledger', actor(first.owner.id))
    assert.isFalse(await registry.isEnabled(second.organization.id, 'ledger'))
    await registry.enable(second.organization.id, 'ledger', actor(second.owner.id))
    assert.lengthOf(installs, 2)
  })

  test('unknown and always-on modules cannot be enabled or disabled', async ({ assert }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    for (const id of ['nope', 'platform']) {
      const error = await registry
        .enable(organization.id, id, actor(owner.id))
        .catch((caught) => caught)
      assert.equal(error.code, 'E_MODULE_NOT_FOUND')
      assert.equal(error.status, 404)
    }
  })

  test('the shell manifest lists enabled modules with a built remote, with their integrity map', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    assert.deepEqual(await registry.shellManifest(organization.id), { modules: [] })
    await registry.enable(organization.id, 'ledger', actor(owner.id))
    await registry.enable(organization.id, 'invoicing', actor(owner.id))
    const { modules } = await registry.shellManifest(organization.id)
    assert.deepEqual(modules, [
      {
        id: 'ledger',
        version: '1.0.0',
        name: text('ledger'),
        remote: {
          name: 'ledger',
          entry: '/remotes/ledger/remoteEntry.js',
          integrity: {
            '/remotes/ledger/remoteEntry.js': HASH_A,
            '/remotes/ledger/assets/main.js': HASH_B,
          },
        },
        routeBase: '/ledger',
        navigation: [{ path: '/ledger', label: text('ledger') }],
        trust: 'first-party',
        signedHashList: null,
      },
    ])
  })

  test('a remote whose integrity.json is broken or lacks its entry is left out', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    await registry.enable(organization.id, 'ledger', actor(owner.id))
    const file = join(root, 'ledger', 'dist', 'integrity.json')
    const original = JSON.stringify({
      files: { 'remoteEntry.js': HASH_A, 'assets/main.js': HASH_B, '../escape.js': HASH_C },
    })
    try {
      await writeFile(file, '{ not json')
      assert.deepEqual(await registry.shellManifest(organization.id), { modules: [] })
      await writeFile(file, JSON.stringify({ files: { 'assets/main.js': HASH_B } }))
      assert.deepEqual(await registry.shellManifest(organization.id), { modules: [] })
    } finally {
      await writeFile(file, original)
    }
  })

  test('in production the hashes read first stay, even when integrity.json is rewritten', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const pinned = new ModuleRegistry(
      new ModuleCatalog(root, root),
      new Map(),
      memoryCache(),
      '1m',
      true
    )
    await pinned.enable(organization.id, 'ledger', actor(owner.id))
    const file = join(root, 'ledger', 'dist', 'integrity.json')
    const original = await readFile(file, 'utf8')
    const before = (await pinned.shellManifest(organization.id)).modules[0].remote.integrity
    try {
      await writeFile(
        file,
        JSON.stringify({ files: { 'remoteEntry.js': HASH_C, 'assets/evil.js': HASH_C } })
      )
      assert.deepEqual(
        (await pinned.shellManifest(organization.id)).modules[0].remote.integrity,
        before
      )
      assert.notDeepEqual(
        (await registry.shellManifest(organization.id)).modules[0]?.remote.integrity,
        before,
        'without pinning, a rebuild is seen at once'
      )
    } finally {
      await writeFile(file, original)
    }
  })
})

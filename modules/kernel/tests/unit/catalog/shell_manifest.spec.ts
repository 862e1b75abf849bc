import { test } from '@japa/runner'
import { parseIntegrity, shellModule } from '../../../catalog/shell_manifest.ts'
import type { DiscoveredModule } from '../../../catalog/module_catalog.ts'

const HASH = `sha384-${'A'.repeat(64)}`

test.group('Shell manifest', () => {
  test("keeps only well-formed hashes of safe relative paths, and needs the entry's", ({
    assert,
  }) => {
    const text = JSON.stringify({
      files: {
        'remoteEntry.js': HASH,
        'assets/page.js': HASH,
        '../secret.js': HASH,
        '/abs.js': HASH,
        'weak.js': 'sha256-x',
      },
    })
    assert.deepEqual(parseIntegrity(text), { 'remoteEntry.js': HASH, 'assets/page.js': HASH })
    assert.isNull(parseIntegrity(JSON.stringify({ files: { 'assets/page.js': HASH } })))
    assert.isNull(parseIntegrity('not json'))
  })

  test('serves a remote under /remotes/<id>/ with its hashes', ({ assert }) => {
    const remote = { name: 'ledger', dist: './dist', routeBase: '/ledger', navigation: [] }
    const module = {
      id: 'ledger',
      version: '1.0.0',
      name: { fr: 'Grand livre', en: 'Ledger' },
      remote,
    } as unknown as DiscoveredModule
    assert.deepEqual(shellModule(module, remote, { 'remoteEntry.js': HASH }), {
      id: 'ledger',
      version: '1.0.0',
      name: { fr: 'Grand livre', en: 'Ledger' },
      remote: {
        name: 'ledger',
        entry: '/remotes/ledger/remoteEntry.js',
        integrity: { '/remotes/ledger/remoteEntry.js': HASH },
      },
      routeBase: '/ledger',
      navigation: [],
      trust: 'first-party',
      signedHashList: null,
    })
  })
})

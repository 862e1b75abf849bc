import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { scaffoldModule } from '../../app/services/module_scaffold.ts'

test.group('make:module / scaffold', (group) => {
  let workspace: string
  group.each.setup(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'ia-scaffold-'))
    return () => rm(workspace, { recursive: true, force: true })
  })

  test('writes the backend module and its remote with every placeholder filled', async ({
    assert,
  }) => {
    const written = await scaffoldModule(workspace, 'fleet')
    assert.includeMembers(written, [
      'modules/fleet/module.json',
      'modules/fleet/start/routes.ts',
      'modules/fleet/start/openapi.ts',
      'modules/fleet/database/migrations/0001_create_fleet_schema.ts',
      'modules/fleet/resources/lang/fr/fleet.json',
      'modules/fleet/resources/lang/en/fleet.json',
      'modules/fleet/tests/functional/fleet/items.spec.ts',
      'remotes/fleet/src/module.ts',
      'remotes/fleet/src/views/FleetView.vue',
      'remotes/fleet/vite.config.ts',
      'remotes/fleet/vitest.config.ts',
      'remotes/fleet/tests/fleet.test.ts',
    ])
    for (const file of written) {
      const text = await readFile(join(workspace, file), 'utf8')
      assert.notMatch(text, /__id__|__Name__/, file)
      if (file.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(text), file)
    }
    const manifest = JSON.parse(
      await readFile(join(workspace, 'modules/fleet/module.json'), 'utf8')
    )
    assert.equal(manifest.id, 'fleet')
    assert.deepEqual(manifest.permissions, ['fleet.item.read'])
    const fr = JSON.parse(
      await readFile(join(workspace, 'remotes/fleet/src/locales/fr.json'), 'utf8')
    )
    const en = JSON.parse(
      await readFile(join(workspace, 'remotes/fleet/src/locales/en.json'), 'utf8')
    )
    assert.deepEqual(Object.keys(fr.fleet).sort(), Object.keys(en.fleet).sort())
  })

  test('refuses an id that cannot name a schema and a remote, and one already taken', async ({
    assert,
  }) => {
    await assert.rejects(() => scaffoldModule(workspace, 'Fleet-2'), /not a module id/)
    await scaffoldModule(workspace, 'fleet')
    await assert.rejects(() => scaffoldModule(workspace, 'fleet'), /modules\/fleet already exists/)
  })
})

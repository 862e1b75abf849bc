import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import { search, tenantContext } from '@ia/kernel/contracts'
import { DateTime } from 'luxon'
import { createContactsOrganization, insertContact } from '../../helpers.ts'

/** Runs `node ace search:rebuild <args>` in the test process and captures its output. */
async function rebuild(args: string[]) {
  const ace = await app.container.make('ace')
  ace.ui.switchMode('raw')
  const command = await ace.exec('search:rebuild', args)
  const output = ace.ui.logger
    .getLogs()
    .map((log) => log.message)
    .join('\n')
  ace.ui.logger.flushLogs()
  return { command, output }
}

/** The titles the search finds for `q` in one organisation. */
const found = async (organizationId: string, q: string) =>
  (await search.query(organizationId, q)).map((result) => result.title).sort()

test.group('Search / search:rebuild', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("rebuilds one organisation's contacts: active ones in, archived and stale documents out", async ({
    assert,
  }) => {
    const { organization } = await createContactsOrganization()
    const other = await createContactsOrganization()
    await insertContact(organization.id, { name: 'Société Minière' })
    await insertContact(organization.id, { name: 'Pharmacie Espoir' })
    const archived = await insertContact(organization.id, { name: 'Ancien Client' })
    await tenantContext.run(organization.id, () =>
      archived.merge({ archivedAt: DateTime.now() }).save()
    )
    await search.index(organization.id, 'contacts.contact', 'stale', {
      title: 'Supprimé',
      url: '/contacts/stale',
    })
    await search.index(other.organization.id, 'contacts.contact', 'kept', {
      title: 'Voisin',
      url: '/contacts/kept',
    })

    const { command, output } = await rebuild([
      '--type',
      'contacts.contact',
      '--organization',
      organization.id,
    ])

    assert.equal(command.exitCode, 0, output)
    assert.include(output, 'contacts.contact: 2 document(s) indexed with postgres')
    assert.deepEqual(await found(organization.id, 'societe'), ['Société Minière'])
    assert.deepEqual(await found(organization.id, 'pharmacie'), ['Pharmacie Espoir'])
    assert.deepEqual(await found(organization.id, 'ancien'), [])
    assert.deepEqual(await found(organization.id, 'supprime'), [])
    assert.deepEqual(await found(other.organization.id, 'voisin'), ['Voisin'])
  })

  test('without flags rebuilds every type for every organisation that installed its module', async ({
    assert,
  }) => {
    const one = await createContactsOrganization()
    const two = await createContactsOrganization()
    await insertContact(one.organization.id, { name: 'Alpha Mines' })
    await insertContact(two.organization.id, { name: 'Beta Mines' })

    const { command, output } = await rebuild([])

    assert.equal(command.exitCode, 0, output)
    assert.match(output, /contacts\.contact: \d+ document\(s\) indexed/)
    assert.deepEqual(await found(one.organization.id, 'mines'), ['Alpha Mines'])
    assert.deepEqual(await found(two.organization.id, 'mines'), ['Beta Mines'])
  })

  test('refuses an unknown type or a malformed organisation id', async ({ assert }) => {
    const unknown = await rebuild(['--type', 'contacts.nothing'])
    assert.equal(unknown.command.exitCode, 1)
    assert.include(unknown.output, 'Unknown search type "contacts.nothing"')
    const malformed = await rebuild(['--organization', 'not-a-uuid'])
    assert.equal(malformed.command.exitCode, 1)
    assert.include(malformed.output, 'is not an organisation id')
  })
})

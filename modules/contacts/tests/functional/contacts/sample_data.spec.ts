import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { removeDemoContacts, seedDemoContacts } from '../../../contracts/demo_contacts.ts'
import { createContactsOrganization, insertContact } from '../../helpers.ts'

test.group('Contacts / sample data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the demo contacts are marked as samples, and removing them leaves the organisation's own and other organisations' alone", async ({
    assert,
  }) => {
    const { organization } = await createContactsOrganization()
    const other = await createContactsOrganization()
    await insertContact(organization.id, { name: 'Ma Vraie Société' })
    await db.transaction(async (trx) => {
      await seedDemoContacts(organization.id, trx)
      await seedDemoContacts(other.organization.id, trx)
    })
    const rows = () =>
      db
        .from('contacts.contacts')
        .where('organization_id', organization.id)
        .orderBy('name')
        .select('name', 'is_sample')
    const seeded = await rows()
    assert.isAbove(seeded.length, 5)
    assert.deepEqual(
      seeded.filter((row) => !row.is_sample).map((row) => row.name),
      ['Ma Vraie Société']
    )

    const removed = await db.transaction((trx) => removeDemoContacts(organization.id, trx))
    assert.equal(removed, seeded.length - 1)
    assert.deepEqual(
      (await rows()).map((row) => row.name),
      ['Ma Vraie Société']
    )
    const left = await db
      .from('contacts.contacts')
      .where('organization_id', other.organization.id)
      .count('* as total')
      .firstOrFail()
    assert.equal(Number(left.total), seeded.length - 1)
  })
})

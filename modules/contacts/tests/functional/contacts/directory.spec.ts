import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { contactsDirectory, seedDemoContacts } from '../../../contracts/index.ts'
import { createContactsOrganization, insertContact } from '../../helpers.ts'

test.group('Contacts / directory for other modules', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('finds a contact of the organisation named, and nothing of another one', async ({
    assert,
  }) => {
    const mine = await createContactsOrganization()
    const theirs = await createContactsOrganization()
    const contact = await insertContact(mine.organization.id, {
      name: 'Pharmacie Espoir',
      isCustomer: true,
    })

    const found = await contactsDirectory.findForOrganization(mine.organization.id, contact.id)
    assert.containsSubset(found, {
      id: contact.id,
      name: 'Pharmacie Espoir',
      isCustomer: true,
      archived: false,
    })
    assert.isNull(await contactsDirectory.findForOrganization(theirs.organization.id, contact.id))
    assert.isNull(await contactsDirectory.findForOrganization(mine.organization.id, 'not-a-uuid'))

    const many = await contactsDirectory.findManyForOrganization(theirs.organization.id, [
      contact.id,
    ])
    assert.equal(many.size, 0)
    assert.strictEqual(await app.container.make('contacts.directory'), contactsDirectory)
  })

  test('assertContactBelongs answers 422 on the named field for foreign, archived or wrong-role contacts', async ({
    assert,
  }) => {
    const mine = await createContactsOrganization()
    const theirs = await createContactsOrganization()
    const supplier = await insertContact(mine.organization.id, {
      name: 'Fournisseur',
      isSupplier: true,
    })
    const foreign = await insertContact(theirs.organization.id, {
      name: 'Étranger',
      isCustomer: true,
    })

    const summary = await contactsDirectory.assertContactBelongs(
      mine.organization.id,
      supplier.id,
      { role: 'supplier' }
    )
    assert.equal(summary.id, supplier.id)

    const failure = async (promise: Promise<unknown>) => {
      try {
        await promise
      } catch (error) {
        return error as { code: string; status: number; field: string }
      }
      assert.fail('expected a failure')
    }
    const foreignError = await failure(
      contactsDirectory.assertContactBelongs(mine.organization.id, foreign.id, {
        field: 'customerId',
      })
    )
    assert.containsSubset(foreignError, {
      code: 'E_CONTACT_NOT_FOUND',
      status: 422,
      field: 'customerId',
    })
    assert.containsSubset(
      await failure(
        contactsDirectory.assertContactBelongs(mine.organization.id, supplier.id, {
          role: 'customer',
        })
      ),
      { status: 422, field: 'contactId' }
    )

    await db.from('contacts.contacts').where('id', supplier.id).update({ archived_at: new Date() })
    await failure(contactsDirectory.assertContactBelongs(mine.organization.id, supplier.id))
    const old = await contactsDirectory.assertContactBelongs(mine.organization.id, supplier.id, {
      allowArchived: true,
    })
    assert.isTrue(old.archived)
  })

  test("seeds demo contacts with valid E.164 phones in the caller's transaction", async ({
    assert,
  }) => {
    const { organization } = await createContactsOrganization()
    const count = await db.transaction((trx) => seedDemoContacts(organization.id, trx))
    const rows = await db.from('contacts.contacts').where('organization_id', organization.id)
    assert.lengthOf(rows, count)
    assert.isAtLeast(count, 6)
    for (const row of rows) assert.match(row.phone, /^\+243\d{9}$/)
    assert.includeMembers(
      rows.map((row) => row.city),
      ['Kinshasa', 'Lubumbashi', 'Goma']
    )
    assert.sameMembers([...new Set(rows.map((row) => row.preferred_currency))], ['CDF', 'USD'])
  })
})

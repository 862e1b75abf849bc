import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { addMember, createUser, runQueuedJobs } from '@ia/platform/testing'
import { parseCsv } from '../../../app/services/csv.ts'
import { contactsUrl, createContactsOrganization, insertContact } from '../../helpers.ts'

test.group('Contacts / export', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('exports the filtered contacts as CSV with a BOM and semicolons for French users', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    await insertContact(organization.id, {
      name: 'Société Minière; "SMK"',
      isCustomer: true,
      email: 'achats@smk.example.cd',
      phone: '+243812345678',
      city: 'Lubumbashi',
      tags: ['mines', 'export'],
      notes: '=HYPERLINK("http://evil")',
    })
    await insertContact(organization.id, { name: 'Fournisseur SARL', isSupplier: true })
    const other = await createContactsOrganization()
    await insertContact(other.organization.id, { name: 'Autre organisation', isCustomer: true })

    const response = await client
      .get(contactsUrl(organization.id, '/export.csv'))
      .qs({ role: 'customer' })
      .loginAs(owner)
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/csv/)
    assert.match(
      response.header('content-disposition') ?? '',
      /^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/
    )
    const text = response.text()
    assert.isTrue(text.startsWith('\uFEFF'))
    const { delimiter, records } = await parseCsv(text.slice(1))
    assert.equal(delimiter, ';')
    assert.lengthOf(records, 2)
    assert.deepEqual(records[0].cells.slice(0, 6), [
      'nom',
      'type',
      'client',
      'fournisseur',
      'email',
      'téléphone',
    ])
    const row = Object.fromEntries(
      records[0].cells.map((header, index) => [header, records[1].cells[index]])
    )
    assert.containsSubset(row, {
      nom: 'Société Minière; "SMK"',
      type: 'entreprise',
      client: 'oui',
      fournisseur: 'non',
      téléphone: '+243812345678',
      ville: 'Lubumbashi',
      étiquettes: 'mines, export',
      notes: `'=HYPERLINK("http://evil")`,
    })
  })

  test('writes English headers with commas for English users, and re-imports what it exported', async ({
    client,
    assert,
  }) => {
    const { organization } = await createContactsOrganization()
    const admin = await createUser({ locale: 'en' })
    await addMember(organization, admin, 'admin')
    await insertContact(organization.id, {
      kind: 'person',
      name: 'Mireille Nsimba',
      isCustomer: true,
      email: 'm@example.cd',
      phone: '+243841234567',
      preferredCurrency: 'USD',
      tags: ['vip'],
    })

    const exported = await client.get(contactsUrl(organization.id, '/export.csv')).loginAs(admin)
    const text = exported.text()
    assert.isTrue(text.startsWith('\uFEFFname,kind,customer,supplier,email,phone'))

    await db
      .from('contacts.contacts')
      .where('organization_id', organization.id)
      .update({ archived_at: new Date() })
    const reimported = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(admin)
      .withCsrfToken()
      .file('file', Buffer.from(text), { filename: 'contacts.csv' })
    reimported.assertStatus(202)
    await runQueuedJobs()
    const result = await client
      .get(contactsUrl(organization.id, `/imports/${reimported.body().import.id}`))
      .loginAs(admin)
    assert.containsSubset(result.body().import, { status: 'completed', imported: 1, skipped: 0 })
    const copy = await db
      .from('contacts.contacts')
      .where('organization_id', organization.id)
      .whereNull('archived_at')
      .firstOrFail()
    assert.containsSubset(copy, {
      kind: 'person',
      name: 'Mireille Nsimba',
      is_customer: true,
      is_supplier: false,
      phone: '+243841234567',
      preferred_currency: 'USD',
      tags: ['vip'],
    })
  })

  test('re-imports archived contacts as archived, at the date the export gives', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    await insertContact(organization.id, { name: 'Ancien client', email: 'ancien@example.cd' })
    const archivedAt = new Date('2024-06-30T08:00:00.000Z')
    await db
      .from('contacts.contacts')
      .where('organization_id', organization.id)
      .update({ archived_at: archivedAt })
    const exported = await client
      .get(contactsUrl(organization.id, '/export.csv'))
      .qs({ archived: 'all' })
      .loginAs(owner)
    assert.include(exported.text(), 'archivé le')

    const target = await createContactsOrganization()
    const reimported = await client
      .post(contactsUrl(target.organization.id, '/import'))
      .loginAs(target.owner)
      .withCsrfToken()
      .file('file', Buffer.from(exported.text()), { filename: 'contacts.csv' })
    reimported.assertStatus(202)
    await runQueuedJobs()
    const copy = await db
      .from('contacts.contacts')
      .where('organization_id', target.organization.id)
      .firstOrFail()
    assert.containsSubset(copy, { name: 'Ancien client', email: 'ancien@example.cd' })
    assert.equal(new Date(copy.archived_at).toISOString(), archivedAt.toISOString())
  })

  test('exports more contacts than one batch holds', async ({ client, assert }) => {
    const { owner, organization } = await createContactsOrganization()
    const now = new Date()
    await db.table('contacts.contacts').multiInsert(
      Array.from({ length: 1203 }, (_, i) => ({
        organization_id: organization.id,
        kind: 'company',
        name: `Contact ${i}`,
        created_at: now,
        updated_at: now,
      }))
    )
    const response = await client.get(contactsUrl(organization.id, '/export.csv')).loginAs(owner)
    const { records } = await parseCsv(response.text().slice(1))
    assert.lengthOf(records, 1204)
    assert.lengthOf(new Set(records.map((record) => record.cells[0])), 1204)
  })

  test("writes dates in the organisation's time zone, in a form spreadsheets read as dates", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    organization.timeZone = 'Africa/Lubumbashi'
    await organization.save()
    await insertContact(organization.id, { name: 'Ancien client' })
    await db
      .from('contacts.contacts')
      .where('organization_id', organization.id)
      .update({
        archived_at: new Date('2024-06-30T08:00:00.000Z'),
        created_at: new Date('2024-01-02T22:30:00.000Z'),
      })
    const exported = await client
      .get(contactsUrl(organization.id, '/export.csv'))
      .qs({ archived: 'all' })
      .loginAs(owner)
    const { records } = await parseCsv(exported.text().slice(1))
    const row = Object.fromEntries(
      records[0].cells.map((header, index) => [header, records[1].cells[index]])
    )
    assert.equal(row['archivé le'], '2024-06-30 10:00:00')
    assert.equal(row['créé le'], '2024-01-03 00:30:00')
  })

  test('a full export in {$self} imports back into another organisation unchanged')
    .with(['fr', 'en'] as const)
    .run(async ({ client, assert }, locale) => {
      const { organization } = await createContactsOrganization()
      const user = await createUser({ locale })
      await addMember(organization, user, 'admin')
      await insertContact(organization.id, {
        kind: 'company',
        name: 'Société Minière; "SMK"',
        isCustomer: true,
        isSupplier: true,
        email: 'achats@smk.example.cd',
        phone: '+243810001014',
        address: '12, av. du Commerce\nGombe',
        city: 'Kinshasa',
        country: 'CD',
        rccm: 'CD/KNG/RCCM/14-B-1234',
        idNat: '01-83-N12345P',
        nif: 'A1234567B',
        preferredCurrency: 'USD',
        preferredLocale: 'fr',
        tags: ['mines', 'export'],
        notes: '=HYPERLINK("http://evil")',
      })
      await insertContact(organization.id, {
        kind: 'person',
        name: 'Jeanne Dupont',
        isCustomer: false,
        isSupplier: true,
        email: 'jeanne@example.fr',
        phone: '+33612345678',
        city: 'Paris',
        country: 'FR',
        nif: '123 456 789',
        preferredCurrency: 'EUR',
        preferredLocale: 'en',
        tags: ['europe'],
      })
      await insertContact(organization.id, { kind: 'person', name: 'Ancien client', country: 'CG' })
      await db
        .from('contacts.contacts')
        .where('organization_id', organization.id)
        .where('name', 'Ancien client')
        .update({ archived_at: new Date('2024-06-30T08:00:00.000Z') })

      const exported = await client
        .get(contactsUrl(organization.id, '/export.csv'))
        .qs({ archived: 'all' })
        .loginAs(user)
      const target = await createContactsOrganization()
      await addMember(target.organization, user, 'admin')
      const imported = await client
        .post(contactsUrl(target.organization.id, '/import'))
        .loginAs(user)
        .withCsrfToken()
        .file('file', Buffer.from(exported.text()), { filename: 'contacts.csv' })
      imported.assertStatus(202)
      await runQueuedJobs()
      const result = await client
        .get(contactsUrl(target.organization.id, `/imports/${imported.body().import.id}`))
        .loginAs(user)
      assert.containsSubset(result.body().import, { status: 'completed', imported: 3, skipped: 0 })

      const fields = [
        'kind',
        'name',
        'is_customer',
        'is_supplier',
        'email',
        'phone',
        'address',
        'city',
        'country',
        'rccm',
        'id_nat',
        'nif',
        'preferred_currency',
        'preferred_locale',
        'tags',
        'notes',
        'archived_at',
      ]
      const contactsOf = async (organizationId: string) =>
        (
          await db
            .from('contacts.contacts')
            .where('organization_id', organizationId)
            .orderBy('name')
            .select(fields)
        ).map((row) => ({
          ...row,
          archived_at: row.archived_at ? new Date(row.archived_at).toISOString() : null,
        }))
      const original = await contactsOf(organization.id)
      assert.lengthOf(original, 3)
      assert.deepEqual(await contactsOf(target.organization.id), original)
    })
})

import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUser, addMember, auditTrail } from '@ia/platform/testing'
import { contactsUrl, createContactsOrganization, insertContact } from '../../helpers.ts'

type ApiError = { code: string; field?: string; message: string }
const byField = (errors: ApiError[]) =>
  Object.fromEntries(errors.map((error) => [error.field, error.message]))

test.group('Contacts / create, read, update', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creates a company with every field, normalising phone, email, country and tags', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const response = await client
      .post(contactsUrl(organization.id))
      .loginAs(owner)
      .withCsrfToken()
      .json({
        kind: 'company',
        name: '  Société Minière du Katanga  ',
        isCustomer: true,
        isSupplier: false,
        email: 'Achats@SMK.example.cd',
        phone: '0812345678',
        address: '45, avenue Kasa-Vubu',
        city: 'Lubumbashi',
        country: 'cd',
        rccm: 'CD/LSH/RCCM/19-B-01234',
        idNat: '6-128-N12345K',
        nif: 'A1234567B',
        preferredCurrency: 'usd',
        preferredLocale: 'fr',
        tags: ['Mines', ' mines ', 'Grand  compte'],
        notes: 'Paiement à 30 jours.',
      })
    response.assertStatus(201)
    const contact = response.body().contact
    assert.containsSubset(contact, {
      kind: 'company',
      name: 'Société Minière du Katanga',
      isCustomer: true,
      isSupplier: false,
      email: 'achats@smk.example.cd',
      phone: '+243812345678',
      country: 'CD',
      preferredCurrency: 'USD',
      preferredLocale: 'fr',
      tags: ['mines', 'grand compte'],
      archivedAt: null,
    })
    assert.isString(contact.createdAt)

    const shown = await client.get(contactsUrl(organization.id, `/${contact.id}`)).loginAs(owner)
    shown.assertStatus(200)
    assert.deepEqual(shown.body().contact, contact)

    const audit = await auditTrail({ subject_id: contact.id })
    assert.deepEqual(
      audit.map((entry) => ({ action: entry.action, actorId: entry.actorId })),
      [{ action: 'contact.created', actorId: owner.id }]
    )
  })

  test('creates a person with only the required fields, the rest null', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const response = await client
      .post(contactsUrl(organization.id))
      .loginAs(owner)
      .withCsrfToken()
      .json({ kind: 'person', name: 'Mireille Nsimba' })
    response.assertStatus(201)
    assert.containsSubset(response.body().contact, {
      kind: 'person',
      isCustomer: false,
      isSupplier: false,
      email: null,
      phone: null,
      country: null,
      tags: [],
      notes: null,
    })
  })

  test('normalises "{$self}" to +243812345678')
    .with(['0812345678', '+243 81 234 5678', '00243812345678', '081 234 56 78'])
    .run(async ({ client, assert }, phone) => {
      const { owner, organization } = await createContactsOrganization()
      const response = await client
        .post(contactsUrl(organization.id))
        .loginAs(owner)
        .withCsrfToken()
        .json({ kind: 'person', name: 'Jean Mbuyi', phone })
      response.assertStatus(201)
      assert.equal(response.body().contact.phone, '+243812345678')
    })

  test("reads a national number in the contact's own country", async ({ client, assert }) => {
    const { owner, organization } = await createContactsOrganization()
    const response = await client
      .post(contactsUrl(organization.id))
      .loginAs(owner)
      .withCsrfToken()
      .json({ kind: 'company', name: 'Bureau de Paris', country: 'FR', phone: '01 42 68 53 00' })
    response.assertStatus(201)
    assert.equal(response.body().contact.phone, '+33142685300')

    const changed = await client
      .patch(contactsUrl(organization.id, `/${response.body().contact.id}`))
      .loginAs(owner)
      .withCsrfToken()
      .json({ phone: '01 45 44 38 00' })
    changed.assertStatus(200)
    assert.equal(
      changed.body().contact.phone,
      '+33145443800',
      'a number sent alone is read in the stored country'
    )
  })

  test('answers 422 per field in French', async ({ client, assert }) => {
    const { owner, organization } = await createContactsOrganization()
    const response = await client
      .post(contactsUrl(organization.id))
      .loginAs(owner)
      .withCsrfToken()
      .json({
        kind: 'robot',
        email: 'pas-un-email',
        phone: '12345',
        country: 'RDC',
        preferredCurrency: 'XYZ',
        preferredLocale: 'ln',
        tags: Array.from({ length: 21 }, (_, i) => `t${i}`),
        isCustomer: 'peut-être',
      })
    response.assertStatus(422)
    const messages = byField(response.body().errors)
    assert.sameMembers(Object.keys(messages), [
      'kind',
      'name',
      'email',
      'phone',
      'country',
      'preferredCurrency',
      'preferredLocale',
      'tags',
      'isCustomer',
    ])
    assert.equal(messages.name, 'Ce champ est obligatoire.')
    assert.equal(messages.email, 'Saisissez une adresse e-mail valide.')
    assert.equal(
      messages.phone,
      'Saisissez un numéro de téléphone valide (ex. 0812345678 ou +243 81 234 5678).'
    )
    assert.equal(messages.country, 'Choisissez un pays dans la liste.')
    assert.equal(messages.preferredCurrency, 'Choisissez une devise dans la liste.')
    assert.equal(messages.tags, 'Au plus 20 étiquettes.')
    assert.equal(
      await db
        .from('contacts.contacts')
        .where('organization_id', organization.id)
        .count('* as total')
        .first()
        .then((r) => Number(r.total)),
      0
    )
  })

  test('answers 422 per field in English for an English-speaking user', async ({
    client,
    assert,
  }) => {
    const { organization } = await createContactsOrganization()
    const user = await createUser({ locale: 'en' })
    await addMember(organization, user, 'admin')
    const response = await client
      .post(contactsUrl(organization.id))
      .loginAs(user)
      .withCsrfToken()
      .json({ kind: 'company', name: '', email: 'nope', phone: '+243 12' })
    response.assertStatus(422)
    const messages = byField(response.body().errors)
    assert.sameMembers(Object.keys(messages), ['name', 'email', 'phone'])
    assert.equal(messages.email, 'Enter a valid email address.')
    assert.equal(
      messages.phone,
      'Enter a valid phone number (e.g. 0812345678 or +243 81 234 5678).'
    )
  })

  test("refuses an email another active contact uses (422 on email), but not an archived one's", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    await insertContact(organization.id, {
      name: 'Kin Distribution',
      email: 'ventes@kin.example.cd',
    })
    const duplicate = await client
      .post(contactsUrl(organization.id))
      .loginAs(owner)
      .withCsrfToken()
      .json({ kind: 'company', name: 'Autre', email: 'VENTES@kin.example.cd' })
    duplicate.assertStatus(422)
    duplicate.assertBodyContains({
      errors: [
        {
          code: 'E_CONTACT_EMAIL_TAKEN',
          field: 'email',
          message: 'Un autre contact actif utilise déjà cette adresse e-mail.',
        },
      ],
    })

    await db
      .from('contacts.contacts')
      .where('organization_id', organization.id)
      .update({ archived_at: new Date() })
    const reused = await client
      .post(contactsUrl(organization.id))
      .loginAs(owner)
      .withCsrfToken()
      .json({ kind: 'company', name: 'Autre', email: 'ventes@kin.example.cd' })
    reused.assertStatus(201)
    assert.equal(reused.body().contact.email, 'ventes@kin.example.cd')
  })

  test('the same email is free in another organisation', async ({ client }) => {
    const first = await createContactsOrganization()
    const second = await createContactsOrganization()
    await insertContact(first.organization.id, {
      name: 'Kin Distribution',
      email: 'ventes@kin.example.cd',
    })
    const response = await client
      .post(contactsUrl(second.organization.id))
      .loginAs(second.owner)
      .withCsrfToken()
      .json({ kind: 'company', name: 'Kin Distribution', email: 'ventes@kin.example.cd' })
    response.assertStatus(201)
  })

  test('updates only the fields sent, and audits which ones changed', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const contact = await insertContact(organization.id, {
      name: 'Pharmacie Espoir',
      city: 'Kinshasa',
      email: 'espoir@example.cd',
    })
    const response = await client
      .patch(contactsUrl(organization.id, `/${contact.id}`))
      .loginAs(owner)
      .withCsrfToken()
      .json({ phone: '+243 99 123 4567', isCustomer: true, email: null })
    response.assertStatus(200)
    assert.containsSubset(response.body().contact, {
      name: 'Pharmacie Espoir',
      city: 'Kinshasa',
      phone: '+243991234567',
      isCustomer: true,
      email: null,
    })
    const audit = (await auditTrail({ subject_id: contact.id, action: 'contact.updated' }))[0]
    assert.sameMembers(audit.metadata.fields as string[], ['phone', 'isCustomer', 'email'])
  })

  test('refuses to give a contact an email another active contact uses', async ({ client }) => {
    const { owner, organization } = await createContactsOrganization()
    await insertContact(organization.id, { name: 'A', email: 'a@example.cd' })
    const other = await insertContact(organization.id, { name: 'B', email: 'b@example.cd' })
    const response = await client
      .patch(contactsUrl(organization.id, `/${other.id}`))
      .loginAs(owner)
      .withCsrfToken()
      .json({ email: 'A@example.cd' })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_CONTACT_EMAIL_TAKEN', field: 'email' }] })
  })

  test('ignores id, organization_id, organizationId and __proto__ in the body', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const other = await createContactsOrganization()
    const forgedId = '00000000-0000-4000-8000-000000000001'
    // JSON.parse keeps "__proto__" as an own key, as a hostile client's body would arrive.
    const body = `{"kind":"company","name":"Forgée","id":"${forgedId}","organization_id":"${other.organization.id}","organizationId":"${other.organization.id}","archivedAt":"2020-01-01T00:00:00Z","__proto__":{"isAdmin":true}}`
    const response = await client
      .post(contactsUrl(organization.id))
      .loginAs(owner)
      .withCsrfToken()
      .json(JSON.parse(body))
    response.assertStatus(201)
    const created = response.body().contact
    assert.notEqual(created.id, forgedId)
    assert.isNull(created.archivedAt)
    const row = await db.from('contacts.contacts').where('id', created.id).firstOrFail()
    assert.equal(row.organization_id, organization.id)
    assert.isUndefined(({} as Record<string, unknown>).isAdmin)

    const patched = await client
      .patch(contactsUrl(organization.id, `/${created.id}`))
      .loginAs(owner)
      .withCsrfToken()
      .json({
        organizationId: other.organization.id,
        organization_id: other.organization.id,
        id: forgedId,
        name: 'Renommée',
      })
    patched.assertStatus(200)
    const after = await db.from('contacts.contacts').where('id', created.id).firstOrFail()
    assert.equal(after.organization_id, organization.id)
    assert.equal(after.name, 'Renommée')
  })

  test('answers 404 for an unknown id and for a malformed one', async ({ client }) => {
    const { owner, organization } = await createContactsOrganization()
    const unknown = await client
      .get(contactsUrl(organization.id, '/7a1f2c3e-0000-4000-8000-000000000000'))
      .loginAs(owner)
    unknown.assertStatus(404)
    unknown.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    const malformed = await client.get(contactsUrl(organization.id, '/not-a-uuid')).loginAs(owner)
    malformed.assertStatus(404)
  })
})

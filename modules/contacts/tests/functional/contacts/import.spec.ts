import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { addMember, createUser, auditTrail } from '@ia/platform/testing'
import { contactsUrl, createContactsOrganization, insertContact } from '../../helpers.ts'

const BOM = '\uFEFF'

/** A French Excel export: semicolons, a BOM, accents in the header. */
const FRENCH_EXCEL = [
  'Nom;Type;Client;Fournisseur;E-mail;Téléphone;Ville;Pays;Devise;Langue;Étiquettes;Colonne inconnue',
  'Société Minière du Katanga;société;oui;non;achats@smk.example.cd;0812345678;Lubumbashi;CD;usd;fr;mines, export;x',
  'Jean Mbuyi;personne;x;;jean@example.cd;+243 99 123 4567;Kinshasa;;CDF;;;',
  ';société;oui;;pas-un-email;123;Goma;RDC;XYZ;ln;;',
  'Doublon;société;oui;;jean@example.cd;;Goma;;;;;',
].join('\r\n')

async function owned() {
  const { owner, organization } = await createContactsOrganization()
  return { owner, organization, count: async () => Number((await db.from('contacts.contacts').where('organization_id', organization.id).count('* as total').firstOrFail()).total) }
}

test.group('Contacts / import', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('previews every row of a French Excel file (BOM, semicolons) with per-field errors, saving nothing', async ({ client, assert }) => {
    const { owner, organization, count } = await owned()
    const response = await client
      .post(contactsUrl(organization.id, '/import/preview'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from(BOM + FRENCH_EXCEL, 'utf8'), { filename: 'contacts.csv' })
    response.assertStatus(200)
    const body = response.body()
    assert.equal(body.valid, 2)
    assert.equal(body.invalid, 2)
    assert.deepEqual(body.ignoredColumns, ['Colonne inconnue'])
    assert.deepEqual(body.rows.map((row: { line: number }) => row.line), [2, 3, 4, 5])

    assert.deepEqual(body.rows[0].errors, [])
    assert.containsSubset(body.rows[0].data, {
      name: 'Société Minière du Katanga', kind: 'company', isCustomer: true, isSupplier: false,
      phone: '+243812345678', preferredCurrency: 'USD', tags: ['mines', 'export'],
    })
    assert.containsSubset(body.rows[1].data, { kind: 'person', isCustomer: true, phone: '+243991234567' })

    const errors = Object.fromEntries(body.rows[2].errors.map((error: { field: string; message: string }) => [error.field, error.message]))
    assert.sameMembers(Object.keys(errors), ['name', 'email', 'phone', 'country', 'preferredCurrency', 'preferredLocale'])
    assert.equal(errors.email, 'Saisissez une adresse e-mail valide.')
    assert.deepEqual(body.rows[3].errors, [{ field: 'email', message: 'Cette adresse e-mail figure déjà à la ligne 3 du fichier.' }])

    assert.equal(await count(), 0)
  })

  test('imports the valid rows in one go, returns the counts and audits the import', async ({ client, assert }) => {
    const { owner, organization, count } = await owned()
    const response = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from(FRENCH_EXCEL, 'utf8'), { filename: 'contacts.csv' })
    response.assertStatus(200)
    const body = response.body()
    assert.equal(body.imported, 2)
    assert.equal(body.skipped, 2)
    assert.includeDeepMembers(body.errors, [{ line: 5, field: 'email', message: 'Cette adresse e-mail figure déjà à la ligne 3 du fichier.' }])
    assert.equal(await count(), 2)

    const saved = await db.from('contacts.contacts').where('organization_id', organization.id).where('email', 'achats@smk.example.cd').firstOrFail()
    assert.equal(saved.phone, '+243812345678')
    assert.deepEqual(saved.tags, ['mines', 'export'])
    const audit = (await auditTrail({ organization_id: organization.id, action: 'contact.imported' }))[0]
    assert.deepEqual(audit.metadata, { imported: 2, skipped: 2 })
  })

  test('reads an English comma-separated file and reports errors in English', async ({ client, assert }) => {
    const { organization } = await createContactsOrganization()
    const admin = await createUser({ locale: 'en' })
    await addMember(organization, admin, 'admin')
    await insertContact(organization.id, { name: 'Existing', email: 'taken@example.cd' })
    const csv = 'name,kind,customer,email,phone,tags\n"Kin Distribution, SARL",company,yes,sales@kin.example.cd,0851234567,"fournitures|gros"\nOther,company,maybe,taken@example.cd,,\n'
    const response = await client
      .post(contactsUrl(organization.id, '/import/preview'))
      .loginAs(admin)
      .withCsrfToken()
      .file('file', Buffer.from(csv), { filename: 'contacts.csv' })
    response.assertStatus(200)
    const [good, bad] = response.body().rows
    assert.containsSubset(good.data, { name: 'Kin Distribution, SARL', isCustomer: true, phone: '+243851234567', tags: ['fournitures', 'gros'] })
    assert.sameDeepMembers(bad.errors, [
      { field: 'isCustomer', message: 'This field must be true or false.' },
      { field: 'email', message: 'Another active contact already uses this email address.' },
    ])
  })

  test('refuses a binary file, an empty one, one without a name column and a malformed one (422 on file)', async ({ client, assert }) => {
    const { owner, organization, count } = await owned()
    const upload = (bytes: Buffer, filename = 'contacts.csv') =>
      client.post(contactsUrl(organization.id, '/import/preview')).loginAs(owner).withCsrfToken().file('file', bytes, { filename })

    const binary = await upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))
    binary.assertStatus(422)
    binary.assertBodyContains({ errors: [{ code: 'E_IMPORT_NOT_TEXT', field: 'file' }] })

    ;(await upload(Buffer.from('nom;ville\n'))).assertBodyContains({ errors: [{ code: 'E_IMPORT_EMPTY', field: 'file' }] })
    ;(await upload(Buffer.from('ville;pays\nGoma;CD\n'))).assertBodyContains({ errors: [{ code: 'E_IMPORT_MISSING_NAME', field: 'file' }] })
    const malformed = await upload(Buffer.from('nom;notes\nA;"jamais fermé\n'))
    malformed.assertStatus(422)
    malformed.assertBodyContains({ errors: [{ code: 'E_IMPORT_MALFORMED', field: 'file', message: 'Le fichier est mal formé : un guillemet ouvert à la ligne 2 n\'est jamais fermé.' }] })

    const wrongType = await upload(Buffer.from('nom\nA\n'), 'contacts.xlsx')
    wrongType.assertStatus(422)
    wrongType.assertBodyContains({ errors: [{ field: 'file' }] })
    const missing = await client.post(contactsUrl(organization.id, '/import')).loginAs(owner).withCsrfToken()
    missing.assertStatus(422)
    missing.assertBodyContains({ errors: [{ field: 'file' }] })
    assert.equal(await count(), 0)
  })

  test('refuses a file over 2 MB and one over 5000 rows', async ({ client, assert }) => {
    const { owner, organization, count } = await owned()
    const upload = (text: string) =>
      client.post(contactsUrl(organization.id, '/import')).loginAs(owner).withCsrfToken().file('file', Buffer.from(text), { filename: 'contacts.csv' })

    const large = await upload('nom;notes\n' + `A;${'x'.repeat(1000)}\n`.repeat(2200))
    large.assertStatus(422)
    large.assertBodyContains({ errors: [{ field: 'file' }] })

    const many = await upload('nom\n' + Array.from({ length: 5001 }, (_, i) => `Contact ${i}`).join('\n'))
    many.assertStatus(422)
    many.assertBodyContains({ errors: [{ code: 'E_IMPORT_TOO_MANY_ROWS', field: 'file', message: 'Le fichier contient trop de lignes : 5000 contacts au plus par import.' }] })
    assert.equal(await count(), 0)
  })

  test('imports 5000 rows', async ({ client, assert }) => {
    const { owner, organization, count } = await owned()
    const csv = 'nom;téléphone;étiquettes\n' + Array.from({ length: 5000 }, (_, i) => `Contact ${i};08${String(10000000 + i)};lot`).join('\n')
    const response = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from(csv), { filename: 'contacts.csv' })
    response.assertStatus(200)
    assert.equal(response.body().imported, 5000)
    assert.equal(await count(), 5000)
  }).timeout(60000)
})

import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { addMember, createUser, runQueuedJobs } from '@ia/platform/testing'
import { contactsUrl, createContactsOrganization } from '../../helpers.ts'

const BOM = '\uFEFF'

/** A file from another program: headers that name no contact field. */
const FOREIGN_HEADERS = [
  'Raison;Tél. portable;Adresse électronique;Commentaire',
  'Kin Distribution;0851234567;ventes@kin.example.cd;Grossiste',
  'Pharmacie Espoir;0971234567;pas-un-email;',
  ';0991234567;;Sans nom',
].join('\n')

/** The mapping a user chooses for FOREIGN_HEADERS, as the shell sends it. */
const FOREIGN_MAPPING = { name: '0', phone: '1', email: '2', notes: '3', kind: '', city: '' }

test.group('Contacts / import: mapping, template, rejected rows', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a file whose headers name no field: the preview shows its header and first rows, and checks the rows once mapped', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const preview = (mapping?: Record<string, string>) => {
      const request = client
        .post(contactsUrl(organization.id, '/import/preview'))
        .loginAs(owner)
        .withCsrfToken()
        .file('file', Buffer.from(FOREIGN_HEADERS), { filename: 'export.csv' })
      for (const [field, column] of Object.entries(mapping ?? {}))
        request.field(`mapping[${field}]`, column)
      return request
    }

    const unmapped = await preview()
    unmapped.assertStatus(200)
    assert.deepEqual(unmapped.body().header, [
      'Raison',
      'Tél. portable',
      'Adresse électronique',
      'Commentaire',
    ])
    assert.deepEqual(unmapped.body().sample[0], [
      'Kin Distribution',
      '0851234567',
      'ventes@kin.example.cd',
      'Grossiste',
    ])
    assert.lengthOf(unmapped.body().sample, 3)
    assert.deepEqual(unmapped.body().missing, ['name'])
    assert.deepEqual(unmapped.body().rows, [])

    const mapped = await preview(FOREIGN_MAPPING)
    mapped.assertStatus(200)
    const body = mapped.body()
    assert.deepEqual(body.mapping, { name: 0, phone: 1, email: 2, notes: 3 })
    assert.deepEqual(body.missing, [])
    assert.deepEqual(body.ignoredColumns, [])
    assert.containsSubset(body, { valid: 1, invalid: 2 })
    assert.containsSubset(body.rows[0].data, {
      name: 'Kin Distribution',
      phone: '+243851234567',
      email: 'ventes@kin.example.cd',
      notes: 'Grossiste',
    })
    assert.deepEqual(body.rows[1].errors, [
      { field: 'email', message: 'Saisissez une adresse e-mail valide.' },
    ])
    assert.deepEqual(body.rows[2].errors, [{ field: 'name', message: 'Ce champ est obligatoire.' }])
  })

  test('a mapping naming a column the file lacks, or one column for two fields, is a 422 on that field of the mapping', async ({
    client,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const upload = (path: string, mapping: Record<string, string>) => {
      const request = client
        .post(contactsUrl(organization.id, path))
        .loginAs(owner)
        .withCsrfToken()
        .file('file', Buffer.from(FOREIGN_HEADERS), { filename: 'export.csv' })
      for (const [field, column] of Object.entries(mapping))
        request.field(`mapping[${field}]`, column)
      return request
    }
    for (const path of ['/import/preview', '/import']) {
      const beyond = await upload(path, { name: '0', email: '7' })
      beyond.assertStatus(422)
      beyond.assertBodyContains({
        errors: [
          {
            code: 'E_IMPORT_MAPPING_NO_COLUMN',
            field: 'mapping.email',
            message: "Le fichier n'a que 4 colonnes : choisissez l'une d'elles.",
          },
        ],
      })
      const twice = await upload(path, { name: '0', notes: '0' })
      twice.assertStatus(422)
      twice.assertBodyContains({
        errors: [
          {
            code: 'E_IMPORT_MAPPING_COLUMN_TWICE',
            field: 'mapping.notes',
            message: 'La colonne « Raison » remplit déjà un autre champ : choisissez-en une autre.',
          },
        ],
      })
      const negative = await upload(path, { name: '-1' })
      negative.assertStatus(422)
      negative.assertBodyContains({ errors: [{ field: 'mapping.name' }] })
    }
    const noName = await upload('/import', { email: '2' })
    noName.assertStatus(422)
    noName.assertBodyContains({
      errors: [{ code: 'E_IMPORT_MISSING_NAME', field: 'mapping.name' }],
    })
  })

  test("the template has the headers of the caller's language, with the separator their spreadsheet expects", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const french = await client
      .get(contactsUrl(organization.id, '/import/template.csv'))
      .loginAs(owner)
    french.assertStatus(200)
    assert.match(french.header('content-type') ?? '', /^text\/csv/)
    assert.equal(french.header('content-disposition'), 'attachment; filename="modele-contacts.csv"')
    assert.equal(
      french.text(),
      `${BOM}nom;type;client;fournisseur;email;téléphone;adresse;ville;pays;rccm;id_nat;nif;devise;langue;étiquettes;notes\r\n`
    )

    const englishUser = await createUser({ locale: 'en' })
    await addMember(organization, englishUser, 'admin')
    const english = await client
      .get(contactsUrl(organization.id, '/import/template.csv'))
      .loginAs(englishUser)
    assert.equal(
      english.text(),
      `${BOM}name,kind,customer,supplier,email,phone,address,city,country,rccm,id_nat,nif,currency,language,tags,notes\r\n`
    )

    // Filled in, the French template imports without mapping a column.
    const filled = `${french.text()}Brasserie du Lac;société;oui;non;;0812345678;;Goma;CD;;;;USD;fr;boissons;\r\n`
    const preview = await client
      .post(contactsUrl(organization.id, '/import/preview'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from(filled), { filename: 'modele.csv' })
    assert.deepEqual(preview.body().ignoredColumns, [])
    assert.containsSubset(preview.body(), { valid: 1, invalid: 0, missing: [] })
  })

  test('the rejected rows download with a reason column, and import once corrected', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const queued = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from(FOREIGN_HEADERS), { filename: 'export.csv' })
      .fields({
        'mapping[name]': '0',
        'mapping[phone]': '1',
        'mapping[email]': '2',
        'mapping[notes]': '3',
      })
    queued.assertStatus(202)
    const { id } = queued.body().import
    ;(
      await client.get(contactsUrl(organization.id, `/imports/${id}/rejected.csv`)).loginAs(owner)
    ).assertStatus(404)

    await runQueuedJobs()
    const rejected = await client
      .get(contactsUrl(organization.id, `/imports/${id}/rejected.csv`))
      .loginAs(owner)
    rejected.assertStatus(200)
    assert.match(
      rejected.header('content-disposition') ?? '',
      /^attachment; filename="contacts-refuses-\d{4}-\d{2}-\d{2}\.csv"$/
    )
    assert.equal(
      rejected.text(),
      [
        `${BOM}nom;email;téléphone;notes;motif du refus`,
        'Pharmacie Espoir;pas-un-email;0971234567;;email : Saisissez une adresse e-mail valide.',
        ';;0991234567;Sans nom;nom : Ce champ est obligatoire.',
        '',
      ].join('\r\n')
    )

    const corrected = rejected
      .text()
      .replace('pas-un-email', 'espoir@example.cd')
      .replace(';;0991234567', 'Jean Mbuyi;;0991234567')
    const again = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from(corrected), { filename: 'contacts-refuses.csv' })
    again.assertStatus(202)
    await runQueuedJobs()
    const result = (
      await client
        .get(contactsUrl(organization.id, `/imports/${again.body().import.id}`))
        .loginAs(owner)
    ).body().import
    assert.containsSubset(result, { status: 'completed', imported: 2, skipped: 0, errors: [] })
    const names = await db
      .from('contacts.contacts')
      .where('organization_id', organization.id)
      .orderBy('name')
      .select('name', 'email')
    assert.deepEqual(
      names.map((row) => row.name),
      ['Jean Mbuyi', 'Kin Distribution', 'Pharmacie Espoir']
    )

    const other = await createContactsOrganization()
    ;(
      await client
        .get(contactsUrl(other.organization.id, `/imports/${id}/rejected.csv`))
        .loginAs(other.owner)
    ).assertStatus(404)
    ;(
      await client
        .get(contactsUrl(organization.id, `/imports/${id}/rejected.csv`))
        .loginAs(other.owner)
    ).assertStatus(404)
  })
})

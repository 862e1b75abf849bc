import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import emitter from '@adonisjs/core/services/emitter'
import db from '@adonisjs/lucid/services/db'
import { events, files, tenantContext, type JobContext } from '@ia/kernel/contracts'
import {
  addMember,
  auditTrail,
  createUser,
  runQueuedJobs,
  type JobProgressEvent,
} from '@ia/platform/testing'
import { ImportContacts } from '../../../app/actions/import_contacts.ts'
import { contactsUrl, createContactsOrganization, insertContact } from '../../helpers.ts'

const BOM = '\uFEFF'

/** A French Excel export: semicolons, a BOM, accents in the header. */
const FRENCH_EXCEL = [
  'Nom;Type;Client;Fournisseur;E-mail;Téléphone;Ville;Pays;Devise;Langue;Étiquettes;Colonne inconnue',
  'Société Minière du Katanga;société;oui;non;achats@smk.example.cd;0812345678;Lubumbashi;CD;usd;fr;mines, export;x',
  'Jean Mbuyi;particulier;x;;jean@example.cd;+243 99 123 4567;Kinshasa;République démocratique du Congo;CDF;;;',
  ';société;oui;;pas-un-email;123;Goma;Congo;XYZ;ln;;',
  'Doublon;société;oui;;jean@example.cd;;Goma;;;;;',
].join('\r\n')

/** The contact events the worker delivered during this file's tests, as a consumer in another module would see them. */
const delivered: { name: string; organizationId: string; contactId: string }[] = []
for (const name of ['contacts.contact.created', 'contacts.contact.archived'] as const) {
  events.subscribe(name, 'contactstest.import', async (payload, meta) => {
    delivered.push({ name, organizationId: meta.organizationId, contactId: payload.contactId })
  })
}

/** The progress the jobs engine broadcast for one job while `work` ran. */
async function progressOf(jobId: string, work: () => Promise<void>) {
  const seen: JobProgressEvent[] = []
  const listener = (event: JobProgressEvent) => {
    if (event.jobId === jobId) seen.push(event)
  }
  emitter.on('platform:job.progress', listener)
  try {
    await work()
  } finally {
    emitter.off('platform:job.progress', listener)
  }
  return seen
}

async function owned() {
  const { owner, organization } = await createContactsOrganization()
  return {
    owner,
    organization,
    count: async () =>
      Number(
        (
          await db
            .from('contacts.contacts')
            .where('organization_id', organization.id)
            .count('* as total')
            .firstOrFail()
        ).total
      ),
  }
}

test.group('Contacts / import', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    delivered.length = 0
  })

  test('previews every row of a French Excel file (BOM, semicolons) with per-field errors, saving nothing', async ({
    client,
    assert,
  }) => {
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
    assert.deepEqual(
      body.rows.map((row: { line: number }) => row.line),
      [2, 3, 4, 5]
    )

    assert.deepEqual(body.rows[0].errors, [])
    assert.containsSubset(body.rows[0].data, {
      name: 'Société Minière du Katanga',
      kind: 'company',
      isCustomer: true,
      isSupplier: false,
      phone: '+243812345678',
      preferredCurrency: 'USD',
      tags: ['mines', 'export'],
      archivedAt: null,
    })
    assert.containsSubset(body.rows[1].data, {
      kind: 'person',
      isCustomer: true,
      phone: '+243991234567',
      country: 'CD',
    })

    const errors = Object.fromEntries(
      body.rows[2].errors.map((error: { field: string; message: string }) => [
        error.field,
        error.message,
      ])
    )
    assert.sameMembers(Object.keys(errors), [
      'name',
      'email',
      'phone',
      'country',
      'preferredCurrency',
      'preferredLocale',
    ])
    assert.equal(errors.email, 'Saisissez une adresse e-mail valide.')
    assert.equal(
      errors.country,
      '« Congo » désigne deux pays : écrivez Congo-Kinshasa ou Congo-Brazzaville.'
    )
    assert.deepEqual(body.rows[3].errors, [
      { field: 'email', message: 'Cette adresse e-mail figure déjà à la ligne 3 du fichier.' },
    ])

    assert.equal(await count(), 0)
  })

  test('confirming stores the file and queues a job (202); nothing is imported before the job runs', async ({
    client,
    assert,
  }) => {
    const { owner, organization, count } = await owned()
    const response = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from(FRENCH_EXCEL, 'utf8'), { filename: 'clients-2025.csv' })
    response.assertStatus(202)
    const queued = response.body().import
    assert.containsSubset(queued, {
      status: 'queued',
      fileName: 'clients-2025.csv',
      rows: 4,
      imported: null,
      skipped: null,
      errors: [],
      error: null,
      finishedAt: null,
    })
    assert.isString(queued.jobId)
    assert.equal(await count(), 0)
    assert.isTrue(await files.exists(organization.id, `contacts/imports/${queued.id}.csv`))

    const read = await client
      .get(contactsUrl(organization.id, `/imports/${queued.id}`))
      .loginAs(owner)
    read.assertStatus(200)
    assert.deepEqual(read.body().import, queued)
    const audit = (
      await auditTrail({ organization_id: organization.id, action: 'contact.import_started' })
    )[0]
    assert.deepEqual(audit.metadata, { fileName: 'clients-2025.csv', rows: 4 })
  })

  test('the job imports the valid rows, reports its progress, records counts and per-row errors, and announces each contact', async ({
    client,
    assert,
  }) => {
    const { owner, organization, count } = await owned()
    const response = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from(FRENCH_EXCEL, 'utf8'), { filename: 'contacts.csv' })
    const { id, jobId } = response.body().import

    const progress = await progressOf(jobId, runQueuedJobs)
    assert.equal(progress[0].status, 'running')
    assert.equal(progress.at(-1)!.status, 'completed')
    assert.equal(progress.at(-1)!.percent, 100)
    const running = progress.filter((event) => event.status === 'running')
    const percents = running.map((event) => event.percent)
    assert.deepEqual(
      percents,
      [...percents].sort((a, b) => a - b),
      'progress never goes back'
    )
    assert.isAbove(running.length, 2)
    assert.deepEqual(running.find((event) => event.message)!.message, {
      fr: 'Vérification des lignes : 4 sur 4',
      en: 'Checking rows: 4 of 4',
    })
    assert.equal(
      progress[0].userId,
      owner.id,
      'the progress goes to the user who started the import'
    )
    assert.deepEqual(progress[0].label, {
      fr: 'Import de contacts (contacts.csv)',
      en: 'Contacts import (contacts.csv)',
    })

    assert.equal(await count(), 2)
    const saved = await db
      .from('contacts.contacts')
      .where('organization_id', organization.id)
      .where('email', 'achats@smk.example.cd')
      .firstOrFail()
    assert.equal(saved.phone, '+243812345678')
    assert.deepEqual(saved.tags, ['mines', 'export'])
    assert.isNull(saved.archived_at)

    const result = await client.get(contactsUrl(organization.id, `/imports/${id}`)).loginAs(owner)
    result.assertStatus(200)
    const body = result.body().import
    assert.containsSubset(body, {
      status: 'completed',
      rows: 4,
      imported: 2,
      skipped: 2,
      error: null,
    })
    assert.isString(body.finishedAt)
    assert.sameMembers(
      [...new Set(body.errors.map((error: { line: number }) => error.line))],
      [4, 5]
    )
    assert.includeDeepMembers(body.errors, [
      { line: 4, field: 'email', message: 'Saisissez une adresse e-mail valide.' },
      {
        line: 5,
        field: 'email',
        message: 'Cette adresse e-mail figure déjà à la ligne 3 du fichier.',
      },
    ])

    const created = await db
      .from('contacts.contacts')
      .where('organization_id', organization.id)
      .select('id')
    assert.sameMembers(
      delivered
        .filter((event) => event.name === 'contacts.contact.created')
        .map((event) => event.contactId),
      created.map((row) => row.id)
    )
    assert.isTrue(delivered.every((event) => event.organizationId === organization.id))
    const audit = (
      await auditTrail({ organization_id: organization.id, action: 'contact.imported' })
    )[0]
    assert.deepEqual(audit.metadata, { imported: 2, skipped: 2 })
    assert.equal(audit.actorId, owner.id)
    assert.isFalse(
      await files.exists(organization.id, `contacts/imports/${id}.csv`),
      'the file is deleted once imported'
    )

    const search = await client
      .get(`/api/v1/orgs/${organization.id}/search?q=katanga`)
      .loginAs(owner)
    assert.lengthOf(search.body().data, 1, 'the created events keep the search in step')
  })

  test('writes the per-row errors in the language of the user who imported', async ({
    client,
    assert,
  }) => {
    const { organization } = await createContactsOrganization()
    const admin = await createUser({ locale: 'en' })
    await addMember(organization, admin, 'admin')
    await insertContact(organization.id, { name: 'Existing', email: 'taken@example.cd' })
    const csv =
      'name,kind,customer,email,phone,tags\n"Kin Distribution, SARL",company,yes,sales@kin.example.cd,0851234567,"fournitures|gros"\nOther,company,maybe,taken@example.cd,,\n'
    const preview = await client
      .post(contactsUrl(organization.id, '/import/preview'))
      .loginAs(admin)
      .withCsrfToken()
      .file('file', Buffer.from(csv), { filename: 'contacts.csv' })
    preview.assertStatus(200)
    const [good, bad] = preview.body().rows
    assert.containsSubset(good.data, {
      name: 'Kin Distribution, SARL',
      isCustomer: true,
      phone: '+243851234567',
      tags: ['fournitures', 'gros'],
    })
    const expected = [
      { field: 'isCustomer', message: 'This field must be true or false.' },
      { field: 'email', message: 'Another active contact already uses this email address.' },
    ]
    assert.sameDeepMembers(bad.errors, expected)

    const queued = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(admin)
      .withCsrfToken()
      .file('file', Buffer.from(csv), { filename: 'contacts.csv' })
    await runQueuedJobs()
    const result = (
      await client
        .get(contactsUrl(organization.id, `/imports/${queued.body().import.id}`))
        .loginAs(admin)
    ).body().import
    assert.containsSubset(result, { status: 'completed', imported: 1, skipped: 1 })
    assert.sameDeepMembers(
      result.errors,
      expected.map((error) => ({ line: 3, ...error }))
    )
  })

  test("another organisation's import answers 404, through its own organisation or the other's", async ({
    client,
  }) => {
    const mine = await createContactsOrganization()
    const theirs = await createContactsOrganization()
    const response = await client
      .post(contactsUrl(theirs.organization.id, '/import'))
      .loginAs(theirs.owner)
      .withCsrfToken()
      .file('file', Buffer.from('nom\nSecret\n'), { filename: 'contacts.csv' })
    const { id } = response.body().import

    ;(
      await client.get(contactsUrl(mine.organization.id, `/imports/${id}`)).loginAs(mine.owner)
    ).assertStatus(404)
    ;(
      await client.get(contactsUrl(theirs.organization.id, `/imports/${id}`)).loginAs(mine.owner)
    ).assertStatus(404)
    ;(
      await client.get(contactsUrl(mine.organization.id, '/imports/not-a-uuid')).loginAs(mine.owner)
    ).assertStatus(404)
    ;(
      await client.get(contactsUrl(theirs.organization.id, `/imports/${id}`)).loginAs(theirs.owner)
    ).assertStatus(200)
  })

  test('a member without the import permission can neither import nor read an import', async ({
    client,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const member = await createUser()
    await addMember(organization, member, 'member')
    const queued = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from('nom\nA\n'), { filename: 'contacts.csv' })
    const denied = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(member)
      .withCsrfToken()
      .file('file', Buffer.from('nom\nA\n'), { filename: 'contacts.csv' })
    denied.assertStatus(403)
    ;(
      await client
        .get(contactsUrl(organization.id, `/imports/${queued.body().import.id}`))
        .loginAs(member)
    ).assertStatus(403)
  })

  test('a stored file gone missing fails the import as a whole, once, with its reason', async ({
    client,
    assert,
  }) => {
    const { owner, organization, count } = await owned()
    const response = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from('nom\nA\n'), { filename: 'contacts.csv' })
    const { id, jobId } = response.body().import
    await files.delete(organization.id, `contacts/imports/${id}.csv`)

    const progress = await progressOf(jobId, runQueuedJobs)
    assert.deepEqual(
      progress.map((event) => event.status),
      ['running', 'completed'],
      'not retried: it would fail again'
    )
    const body = (
      await client.get(contactsUrl(organization.id, `/imports/${id}`)).loginAs(owner)
    ).body().import
    assert.containsSubset(body, {
      status: 'failed',
      imported: null,
      error: {
        code: 'E_IMPORT_FILE_MISSING',
        message: "Le fichier de cet import n'est plus disponible : importez-le de nouveau.",
      },
    })
    assert.equal(await count(), 0)
  })

  test('two columns naming the same field: the preview maps the first for the user to choose, an import without a mapping is refused', async ({
    client,
    assert,
  }) => {
    const { owner, organization, count } = await owned()
    const upload = (path: string) =>
      client
        .post(contactsUrl(organization.id, path))
        .loginAs(owner)
        .withCsrfToken()
        .file(
          'file',
          Buffer.from('Nom;E-mail;Ville;Courriel\nA;a@example.cd;Goma;b@example.cd\n'),
          { filename: 'contacts.csv' }
        )
    const preview = await upload('/import/preview')
    preview.assertStatus(200)
    assert.deepEqual(preview.body().mapping, { name: 0, email: 1, city: 2 })
    assert.deepEqual(preview.body().ignoredColumns, ['Courriel'])
    const response = await upload('/import')
    response.assertStatus(422)
    response.assertBodyContains({
      errors: [
        {
          code: 'E_IMPORT_DUPLICATE_COLUMN',
          field: 'file',
          message:
            'Les colonnes « E-mail » et « Courriel » désignent le même champ : gardez-en une seule.',
        },
      ],
    })
    assert.equal(await count(), 0)
  })

  test('an "archived at" column imports archived contacts, whose emails may repeat active ones', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await owned()
    await insertContact(organization.id, { name: 'Actif', email: 'pris@example.cd' })
    const csv = [
      'nom;email;archivé le',
      'Ancien client;pris@example.cd;2024-03-01T10:00:00.000+01:00',
      'Ancien fournisseur;;15/01/2024',
      'Toujours actif;actif@example.cd;',
      'Archivé sans date;;oui',
      'Date fausse;;31/02/2024',
      'Dans le futur;;2999-01-01',
    ].join('\n')
    const preview = await client
      .post(contactsUrl(organization.id, '/import/preview'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from(csv), { filename: 'contacts.csv' })
    preview.assertStatus(200)
    assert.equal(preview.body().valid, 4)
    assert.deepEqual(preview.body().ignoredColumns, [])
    assert.equal(preview.body().rows[0].data.archivedAt, '2024-03-01T10:00:00.000+01:00')
    const message =
      "Saisissez une date d'archivage passée (AAAA-MM-JJ ou JJ/MM/AAAA), ou oui / non."
    assert.deepEqual(preview.body().rows[4].errors, [{ field: 'archivedAt', message }])
    assert.deepEqual(preview.body().rows[5].errors, [{ field: 'archivedAt', message }])

    const queued = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from(csv), { filename: 'contacts.csv' })
    await runQueuedJobs()
    const result = (
      await client
        .get(contactsUrl(organization.id, `/imports/${queued.body().import.id}`))
        .loginAs(owner)
    ).body().import
    assert.containsSubset(result, { imported: 4, skipped: 2 })

    const rows = await db
      .from('contacts.contacts')
      .where('organization_id', organization.id)
      .whereNot('name', 'Actif')
      .orderBy('name')
    const archivedAt = Object.fromEntries(
      rows.map((row) => [row.name, row.archived_at && new Date(row.archived_at).toISOString()])
    )
    assert.equal(archivedAt['Ancien client'], '2024-03-01T09:00:00.000Z')
    assert.match(archivedAt['Ancien fournisseur'], /^2024-01-1[45]T/)
    assert.isNull(archivedAt['Toujours actif'])
    assert.isString(archivedAt['Archivé sans date'])
    const archived = rows.filter((row) => row.archived_at).map((row) => row.id)
    assert.sameMembers(
      delivered
        .filter((event) => event.name === 'contacts.contact.archived')
        .map((event) => event.contactId),
      archived
    )
  })

  test('refuses a binary file, an empty one, one without a name column (import) and a malformed one (422 on file)', async ({
    client,
    assert,
  }) => {
    const { owner, organization, count } = await owned()
    const upload = (bytes: Buffer, filename = 'contacts.csv', path = '/import/preview') =>
      client
        .post(contactsUrl(organization.id, path))
        .loginAs(owner)
        .withCsrfToken()
        .file('file', bytes, { filename })

    const binary = await upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))
    binary.assertStatus(422)
    binary.assertBodyContains({ errors: [{ code: 'E_IMPORT_NOT_TEXT', field: 'file' }] })

    ;(await upload(Buffer.from('nom;ville\n'))).assertBodyContains({
      errors: [{ code: 'E_IMPORT_EMPTY', field: 'file' }],
    })
    ;(
      await upload(Buffer.from('ville;pays\nGoma;CD\n'), 'contacts.csv', '/import')
    ).assertBodyContains({ errors: [{ code: 'E_IMPORT_MISSING_NAME', field: 'file' }] })
    const malformed = await upload(Buffer.from('nom;notes\nA;"jamais fermé\n'))
    malformed.assertStatus(422)
    malformed.assertBodyContains({
      errors: [
        {
          code: 'E_IMPORT_MALFORMED',
          field: 'file',
          message:
            "Le fichier est mal formé : un guillemet ouvert à la ligne 2 n'est jamais fermé.",
        },
      ],
    })

    const wrongType = await upload(Buffer.from('nom\nA\n'), 'contacts.xlsx')
    wrongType.assertStatus(422)
    wrongType.assertBodyContains({ errors: [{ field: 'file' }] })
    const missing = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(owner)
      .withCsrfToken()
    missing.assertStatus(422)
    missing.assertBodyContains({ errors: [{ field: 'file' }] })
    assert.equal(await count(), 0)
  })

  test('refuses a file over 2 MB and one over 5000 rows', async ({ client, assert }) => {
    const { owner, organization, count } = await owned()
    const upload = (text: string) =>
      client
        .post(contactsUrl(organization.id, '/import'))
        .loginAs(owner)
        .withCsrfToken()
        .file('file', Buffer.from(text), { filename: 'contacts.csv' })

    const large = await upload('nom;notes\n' + `A;${'x'.repeat(1000)}\n`.repeat(2200))
    large.assertStatus(422)
    large.assertBodyContains({ errors: [{ field: 'file' }] })

    const many = await upload(
      'nom\n' + Array.from({ length: 5001 }, (_, i) => `Contact ${i}`).join('\n')
    )
    many.assertStatus(422)
    many.assertBodyContains({
      errors: [
        {
          code: 'E_IMPORT_TOO_MANY_ROWS',
          field: 'file',
          message: 'Le fichier contient trop de lignes : 5000 contacts au plus par import.',
        },
      ],
    })
    assert.equal(await count(), 0)
  })

  test('imports 5000 rows in one job run, reporting progress as it goes', async ({
    client,
    assert,
  }) => {
    const { owner, organization, count } = await owned()
    const csv =
      'nom;téléphone;étiquettes\n' +
      Array.from({ length: 5000 }, (_, i) => `Contact ${i};08${String(10000000 + i)};lot`).join(
        '\n'
      )
    const response = await client
      .post(contactsUrl(organization.id, '/import'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from(csv), { filename: 'contacts.csv' })
    response.assertStatus(202)
    const { id, jobId } = response.body().import

    // The handler itself, as the worker calls it: draining the outbox would also deliver the 5000 events, one by one.
    const percents: number[] = []
    const started = Date.now()
    await db.transaction((trx) =>
      tenantContext.run(organization.id, async () => {
        const context: JobContext = {
          jobId,
          organizationId: organization.id,
          userId: owner.id,
          attempt: 1,
          client: trx,
          progress: async (percent) => {
            percents.push(percent)
          },
        }
        await new ImportContacts().handle({ importId: id }, context)
      })
    )
    console.log(`    5000 rows imported and announced in ${Date.now() - started} ms`)
    assert.equal(await count(), 5000)
    assert.deepEqual(
      percents,
      [...percents].sort((a, b) => a - b)
    )
    assert.isAtLeast(percents.length, 40)
    assert.isAtLeast(percents.at(-1)!, 95)
    const body = (
      await client.get(contactsUrl(organization.id, `/imports/${id}`)).loginAs(owner)
    ).body().import
    assert.containsSubset(body, { status: 'completed', imported: 5000, skipped: 0, errors: [] })
  }).timeout(120000)

  test('reads countries by name in either language and checks DR Congo numbers with their expected shape', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await owned()
    const file = [
      'name;country;nif;rccm;id_nat;phone',
      'Kin SARL;RDC;A1234567B;CD/KIN/RCCM/14-B-04334;01-83-N12345P;0810001014',
      'Brazza SA;Congo-Brazzaville;;;;',
      'Bruxelles SPRL;Belgium;BE 0123.456.789;;;02 555 12 12',
      'Faux NIF;CD;!!!;14-B;123;',
    ].join('\n')
    const response = await client
      .post(contactsUrl(organization.id, '/import/preview'))
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from(file, 'utf8'), { filename: 'contacts.csv' })
    response.assertStatus(200)
    const rows = response.body().rows
    assert.containsSubset(rows[0].data, {
      country: 'CD',
      nif: 'A1234567B',
      rccm: 'CD/KIN/RCCM/14-B-04334',
      idNat: '01-83-N12345P',
      phone: '+243810001014',
    })
    assert.containsSubset(rows[1].data, { country: 'CG' })
    assert.deepEqual(
      rows[2].errors,
      [],
      "a national number is read in the contact's country, foreign numbers are kept as written"
    )
    assert.containsSubset(rows[2].data, {
      country: 'BE',
      nif: 'BE 0123.456.789',
      phone: '+3225551212',
    })
    assert.deepEqual(rows[3].errors, [
      { field: 'rccm', message: 'Saisissez le numéro sous la forme CD/KNG/RCCM/14-B-1234.' },
      { field: 'idNat', message: 'Saisissez le numéro sous la forme 01-83-N12345P.' },
      { field: 'nif', message: 'Saisissez le numéro sous la forme A1234567B.' },
    ])
  })
})

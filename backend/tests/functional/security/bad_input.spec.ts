/*
 * The answers the input fuzzer only checks for shape, checked here in full: which code, which field,
 * which language, and that the audit log and the limiter keep working with headers beyond their columns.
 */
import { gzipSync } from 'node:zlib'
import { request as httpRequest } from 'node:http'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { User } from '@ia/platform/testing'
import {
  auditTrail,
  createOwnerWithOrganization,
  createUser,
  enableModule,
} from '@ia/platform/testing'
import { auditLog } from '@ia/platform/contracts'

/** A request sent with Node's own client, which, unlike Japa's, sends a malformed path, oversize headers and a binary body as they are. */
function rawRequest(method: string, path: string, headers: Record<string, string>, body?: Buffer) {
  return new Promise<{ status: number; type: string; body: any }>((resolve, reject) => {
    httpRequest(
      `http://${process.env.HOST}:${process.env.PORT}${path}`,
      { method, headers },
      (response) => {
        let text = ''
        response.on('data', (chunk) => (text += chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            type: String(response.headers['content-type']),
            body: JSON.parse(text),
          })
        )
      }
    )
      .on('error', reject)
      .end(body)
  })
}

/** A personal access token of `owner`: the compressed body is sent without a session. */
async function issueToken(owner: User) {
  return (await User.accessTokens.create(owner, ['*'], { name: 'Essai' })).value!.release()
}

/** An organisation with Contacts enabled, its owner and the contacts URL. */
async function contactsOwner() {
  const { owner, organization } = await createOwnerWithOrganization()
  await enableModule(organization, 'contacts', owner)
  return { owner, organization, url: `/api/v1/orgs/${organization.id}/contacts` }
}

const contactCount = async (organizationId: string) =>
  Number(
    (
      await db
        .from('contacts.contacts')
        .where('organization_id', organizationId)
        .count('* as total')
    )[0].total
  )

test.group('Security / bad input', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test(
    'a lone UTF-16 surrogate in a value or a key answers 422 E_INVALID_TEXT naming the field, in {language}, and nothing is written'
  )
    .with([
      {
        language: 'fr',
        message: "Le texte envoyé n'est pas de l'Unicode valide (un caractère est cassé).",
      },
      { language: 'en', message: 'The text sent is not valid Unicode (a broken character).' },
    ])
    .run(async ({ client, assert }, { language, message }) => {
      const { owner, organization, url } = await contactsOwner()
      const response = await client
        .post(url)
        .loginAs(owner)
        .withCsrfToken()
        .header('accept-language', language)
        .json({ kind: 'person', name: 'Mbuyi', email: 'a\ud800@example.cd' })
      response.assertStatus(422)
      assert.deepEqual(response.body(), {
        errors: [{ code: 'E_INVALID_TEXT', field: 'email', message }],
      })
      assert.equal(await contactCount(organization.id), 0)

      const nested = await client
        .patch(`/api/v1/orgs/${organization.id}`)
        .loginAs(owner)
        .withCsrfToken()
        .json({ name: 'Avant', address: { ['li\udc00gne']: 'x' } })
      nested.assertStatus(422)
      assert.equal(nested.body().errors[0].field, 'address')
    })

  test('null and nested values where a tag is expected answer 422 on the item, not 500', async ({
    client,
    assert,
  }) => {
    const { owner, url } = await contactsOwner()
    const nulls = await client
      .post(url)
      .loginAs(owner)
      .withCsrfToken()
      .json({ kind: 'person', name: 'Mbuyi', tags: ['client', null] })
    nulls.assertStatus(422)
    assert.equal(nulls.body().errors[0].field, 'tags.1')
    const nested = await client
      .post(url)
      .loginAs(owner)
      .withCsrfToken()
      .json({ kind: 'person', name: { first: 'Mbuyi' }, tags: [{ a: 1 }] })
    nested.assertStatus(422)
    assert.sameMembers(
      nested.body().errors.map((error: { field: string }) => error.field),
      ['name', 'tags.0']
    )
  })

  test('a gzip body is read; a body that is not what its Content-Encoding says answers 400, an unknown encoding 415', async ({
    client,
    assert,
  }) => {
    const { owner, organization, url } = await contactsOwner()
    const compressed = await rawRequest(
      'POST',
      url,
      {
        'authorization': `Bearer ${await issueToken(owner)}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      gzipSync(JSON.stringify({ kind: 'company', name: 'Brasserie compressée' }))
    )
    assert.equal(compressed.status, 201)
    assert.equal(compressed.body.contact.name, 'Brasserie compressée')

    const plain = await client
      .post(url)
      .loginAs(owner)
      .withCsrfToken()
      .header('accept-language', 'en')
      .header('content-encoding', 'gzip')
      .json({ kind: 'company', name: 'Pas compressé' })
    plain.assertStatus(400)
    assert.deepEqual(plain.body().errors, [
      {
        code: 'E_BAD_CONTENT_ENCODING',
        message:
          'The body does not match its Content-Encoding header: it could not be decompressed.',
      },
    ])

    const unknown = await client
      .post(url)
      .loginAs(owner)
      .withCsrfToken()
      .header('content-encoding', 'compress')
      .json({ kind: 'company', name: 'Inconnu' })
    unknown.assertStatus(415)
    assert.equal(unknown.body().errors[0].code, 'E_UNSUPPORTED_CONTENT_ENCODING')
    assert.equal(await contactCount(organization.id), 1)
  })

  test('an unknown content type answers 415, an oversize body 413, malformed JSON 400 and a body nested 200,000 deep 422, as JSON errors', async ({
    client,
    assert,
  }) => {
    const { owner, organization, url } = await contactsOwner()
    const xml = await client
      .post(url)
      .loginAs(owner)
      .withCsrfToken()
      .unsafeJson('<contact/>')
      .type('application/xml')
    xml.assertStatus(415)
    assert.deepEqual(xml.body().errors, [
      {
        code: 'E_UNSUPPORTED_MEDIA_TYPE',
        message:
          "Ce type de contenu n'est pas accepté : envoyez du JSON, un formulaire ou un fichier.",
      },
    ])
    const text = await client
      .post(url)
      .loginAs(owner)
      .withCsrfToken()
      .unsafeJson('kind=person')
      .type('text/plain')
    text.assertStatus(415)

    const large = await client
      .post(url)
      .loginAs(owner)
      .withCsrfToken()
      .json({ kind: 'person', name: 'x', notes: 'x'.repeat(1_100_000) })
    large.assertStatus(413)
    assert.equal(large.body().errors[0].code, 'E_PAYLOAD_TOO_LARGE')

    const deep = await client
      .post(url)
      .loginAs(owner)
      .withCsrfToken()
      .header('accept-language', 'en')
      .unsafeJson(`{"kind":"person","tags":${'['.repeat(200_000)}${']'.repeat(200_000)}}`)
    deep.assertStatus(422)
    assert.deepEqual(deep.body().errors, [
      {
        code: 'E_NESTING_TOO_DEEP',
        message: 'The data sent is nested too deeply (32 levels at most).',
      },
    ])

    const broken = await client
      .post(url)
      .loginAs(owner)
      .withCsrfToken()
      .unsafeJson('{"kind": "person",')
    broken.assertStatus(400)
    assert.deepEqual(broken.body().errors, [
      { code: 'E_INVALID_JSON', message: "Le corps envoyé n'est pas du JSON valide." },
    ])

    const emptyPost = await client
      .post(
        `${url}/${(await client.post(url).loginAs(owner).withCsrfToken().json({ kind: 'person', name: 'Vide' })).body().contact.id}/archive`
      )
      .loginAs(owner)
      .withCsrfToken()
    emptyPost.assertStatus(200)
    assert.equal(await contactCount(organization.id), 1)
  })

  test('a path with malformed percent-encoding answers 400 E_BAD_URL as JSON, in {language}')
    .with([
      { language: 'fr', message: "L'adresse contient un caractère mal encodé." },
      { language: 'en-GB,en;q=0.9', message: 'The address contains a badly encoded character.' },
    ])
    .run(async ({ assert }, { language, message }) => {
      const response = await rawRequest('GET', '/api/v1/contacts/%ff', {
        'accept-language': language,
      })
      assert.equal(response.status, 400)
      assert.include(response.type, 'application/json')
      assert.deepEqual(response.body, { errors: [{ code: 'E_BAD_URL', message }] })
    })

  test('headers over the server limit answer 431 as JSON in the language the partial headers ask for', async ({
    assert,
  }) => {
    const response = await rawRequest('GET', '/api/v1/auth/me', {
      'accept-language': 'en',
      'x-padding': 'a'.repeat(20_000),
    })
    assert.equal(response.status, 431)
    assert.include(response.type, 'application/json')
    assert.deepEqual(response.body, {
      errors: [{ code: 'E_HEADERS_TOO_LARGE', message: 'The request headers are too large.' }],
    })
  })

  test('a 300-character X-Forwarded-For and a long User-Agent: the audit log records the proxy address and sign-in limits still count', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const headers = { 'x-forwarded-for': 'x'.repeat(300), 'user-agent': 'Navigateur '.repeat(500) }
    const update = await client
      .patch(`/api/v1/orgs/${organization.id}`)
      .headers(headers)
      .loginAs(owner)
      .withCsrfToken()
      .json({ city: 'Lubumbashi' })
    update.assertStatus(200)
    const [entry] = await auditTrail({
      organization_id: organization.id,
      action: 'organization.updated',
    })
    assert.equal(entry.ip, '127.0.0.1')

    const user = await createUser()
    const longEmail = `${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.cd`
    for (const email of [user.email, longEmail]) {
      const signIn = await client
        .post('/api/v1/auth/sign-in')
        .headers(headers)
        .json({ email, password: 'pas-le-bon-mot-de-passe' })
        .withCsrfToken()
      signIn.assertStatus(400)
      assert.equal(signIn.body().errors[0].code, 'E_INVALID_CREDENTIALS')
    }
    const counted = await db.from('rate_limits').whereILike('key', `%${longEmail}%`).first()
    assert.isNotNull(counted, 'the long address was counted by the limiter')
  })

  test('the audit writer cuts every text to its column, without splitting a character', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    await auditLog.record({
      organizationId: organization.id,
      actorId: owner.id,
      action: `essai.${'é'.repeat(80)}`,
      subjectType: '🙂'.repeat(70),
      subjectId: 'x'.repeat(100),
      ip: `fe80::1%${'e'.repeat(300)}`,
    })
    const [entry] = await auditTrail({ organization_id: organization.id })
    assert.equal(entry.action, `essai.${'é'.repeat(54)}`)
    assert.equal(entry.subjectType, '🙂'.repeat(60))
    assert.lengthOf(entry.subjectId!, 64)
    assert.lengthOf(entry.ip!, 64)
  })
})

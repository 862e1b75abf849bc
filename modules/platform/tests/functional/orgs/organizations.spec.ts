import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Organization from '../../../app/models/organization.ts'
import Membership from '../../../app/models/membership.ts'
import AuditEntry from '../../../app/models/audit_entry.ts'
import { CURRENCIES } from '../../../app/validators/organization.ts'
import { files } from '../../../contracts/files.ts'
import { addMember, createOwnerWithOrganization, createUser } from '../../helpers.ts'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64'
)

test.group('Organisations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creating one makes the caller its owner and audits it', async ({ client, assert }) => {
    const user = await createUser({ locale: 'en' })
    const response = await client
      .post('/api/v1/orgs')
      .loginAs(user)
      .json({ name: 'Kivu Logistique', defaultCurrency: 'USD' })
      .withCsrfToken()
    response.assertStatus(201)
    const { organization } = response.body()
    assert.equal(organization.name, 'Kivu Logistique')
    assert.equal(organization.defaultCurrency, 'USD')
    assert.equal(organization.locale, 'en')
    const membership = await Membership.query()
      .where({ organizationId: organization.id, userId: user.id })
      .firstOrFail()
    assert.equal(membership.role, 'owner')
    const listed = await client.get('/api/v1/orgs').loginAs(user)
    assert.deepEqual(listed.body().data, [
      { id: organization.id, name: 'Kivu Logistique', role: 'owner' },
    ])
    const audit = await AuditEntry.query().where('organization_id', organization.id)
    assert.deepEqual(
      audit.map((entry) => entry.action),
      ['organization.created']
    )
  })

  test('show answers the organisation and the caller role to any member', async ({
    client,
    assert,
  }) => {
    const { organization } = await createOwnerWithOrganization('Tshopo Agro')
    const member = await createUser()
    await addMember(organization, member, 'member')
    const response = await client.get(`/api/v1/orgs/${organization.id}`).loginAs(member)
    response.assertStatus(200)
    assert.equal(response.body().role, 'member')
    assert.equal(response.body().organization.name, 'Tshopo Agro')
    assert.containsSubset(response.body().organization, {
      defaultCurrency: 'CDF',
      reportingCurrency: 'USD',
      country: 'CD',
      logoUrl: null,
    })
  })

  test('an admin updates the settings; a member gets 403', async ({ client, assert }) => {
    const { organization } = await createOwnerWithOrganization()
    const admin = await createUser()
    const member = await createUser()
    await addMember(organization, admin, 'admin')
    await addMember(organization, member, 'member')

    const changes = {
      legalName: 'Kasaï Services SARL',
      rccm: 'CD/KIN/RCCM/23-B-01234',
      idNat: '01-83-N12345P',
      nif: 'A1234567B',
      city: 'Kinshasa',
      country: 'cd',
      email: 'contact@kasai.cd',
      reportingCurrency: 'EUR',
      timeZone: 'Africa/Lubumbashi',
    }
    const updated = await client
      .patch(`/api/v1/orgs/${organization.id}`)
      .loginAs(admin)
      .json(changes)
      .withCsrfToken()
    updated.assertStatus(200)
    assert.containsSubset(updated.body().organization, { ...changes, country: 'CD' })
    const audit = await AuditEntry.query()
      .where({ organizationId: organization.id, action: 'organization.updated' })
      .firstOrFail()
    assert.sameMembers(audit.metadata.fields as string[], [
      'legalName',
      'rccm',
      'idNat',
      'nif',
      'city',
      'email',
      'reportingCurrency',
      'timeZone',
    ])

    const forbidden = await client
      .patch(`/api/v1/orgs/${organization.id}`)
      .loginAs(member)
      .json({ name: 'Pirate' })
      .withCsrfToken()
    forbidden.assertStatus(403)
    forbidden.assertBodyContains({ errors: [{ code: 'E_FORBIDDEN' }] })
    await organization.refresh()
    assert.notEqual(organization.name, 'Pirate')
  })

  test("a DR Congo organisation's numbers must have their official shapes, the expected one in the message; a country is an ISO code", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const response = await client
      .patch(`/api/v1/orgs/${organization.id}`)
      .loginAs(owner)
      .json({ nif: '!!!', rccm: '14-B-1234', idNat: 'x', timeZone: 'Mars/Olympus' })
      .withCsrfToken()
    response.assertStatus(422)
    const messages = Object.fromEntries(
      response
        .body()
        .errors.map((error: { field: string; message: string }) => [error.field, error.message])
    )
    assert.deepEqual(messages, {
      nif: 'Saisissez le numéro sous la forme A1234567B.',
      rccm: 'Saisissez le numéro sous la forme CD/KNG/RCCM/14-B-1234.',
      idNat: 'Saisissez le numéro sous la forme 01-83-N12345P.',
      timeZone: 'Choisissez une valeur de la liste.',
    })
    const country = await client
      .patch(`/api/v1/orgs/${organization.id}`)
      .loginAs(owner)
      .json({ country: 'ZZ' })
      .withCsrfToken()
    country.assertStatus(422)
    assert.equal(country.body().errors[0].message, 'Choisissez un pays dans la liste.')
    const abroad = await client
      .patch(`/api/v1/orgs/${organization.id}`)
      .loginAs(owner)
      .json({ country: 'BE', nif: 'BE 0123.456.789' })
      .withCsrfToken()
    abroad.assertStatus(200)
    assert.equal(abroad.body().organization.nif, 'BE 0123.456.789')
  })

  test('validation answers 422 with one entry per field, in the language of the user', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    owner.locale = 'en'
    await owner.save()
    const response = await client
      .patch(`/api/v1/orgs/${organization.id}`)
      .loginAs(owner)
      .json({
        name: 'X',
        country: 'COD',
        email: 'pas-un-email',
        defaultCurrency: 'BTC',
        locale: 'de',
      })
      .withCsrfToken()
    response.assertStatus(422)
    const byField = Object.fromEntries(
      response
        .body()
        .errors.map((error: { field: string; message: string }) => [error.field, error.message])
    )
    assert.sameMembers(Object.keys(byField), [
      'name',
      'country',
      'email',
      'defaultCurrency',
      'locale',
    ])
    assert.equal(byField.name, 'Enter at least 2 characters.')
    assert.equal(byField.defaultCurrency, 'Choose a value from the list.')
  })

  test('every listed currency is accepted as default and reporting currency', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    for (const currency of CURRENCIES) {
      const response = await client
        .patch(`/api/v1/orgs/${organization.id}`)
        .loginAs(owner)
        .json({ defaultCurrency: currency, reportingCurrency: currency })
        .withCsrfToken()
      response.assertStatus(200)
      assert.equal(response.body().organization.defaultCurrency, currency)
    }
  })

  test('a write takes only validated fields: id, organization_id, role and __proto__ change nothing', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const { organization: other } = await createOwnerWithOrganization()
    const response = await client
      .patch(`/api/v1/orgs/${organization.id}`)
      .loginAs(owner)
      .header('content-type', 'application/json')
      .json(
        JSON.parse(
          `{ "name": "Nom sûr", "id": "${other.id}", "organization_id": "${other.id}", "role": "owner", "logoPath": "../../etc/passwd", "__proto__": { "isAdmin": true } }`
        )
      )
      .withCsrfToken()
    response.assertStatus(200)
    assert.equal(response.body().organization.id, organization.id)
    await organization.refresh()
    await other.refresh()
    assert.equal(organization.name, 'Nom sûr')
    assert.isNull(organization.logoPath)
    assert.notEqual(other.name, 'Nom sûr')
    assert.isUndefined(({} as Record<string, unknown>).isAdmin)
  })

  test('a logo is stored when its bytes are an image, and served with its sniffed type', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const uploaded = await client
      .post(`/api/v1/orgs/${organization.id}/logo`)
      .loginAs(owner)
      .file('logo', PNG, { filename: 'logo.jpg' })
      .withCsrfToken()
    uploaded.assertStatus(200)
    assert.equal(uploaded.body().organization.logoUrl, `/api/v1/orgs/${organization.id}/logo`)
    const redirect = await client
      .get(`/api/v1/orgs/${organization.id}/logo`)
      .loginAs(owner)
      .redirects(0)
    redirect.assertStatus(302)
    const location = String(redirect.header('location'))
    assert.match(
      location,
      new RegExp(`^/api/v1/files/orgs/${organization.id}/platform/logo-[0-9a-f-]{36}\\.png\\?`)
    )
    const served = await client.get(location)
    served.assertStatus(200)
    assert.equal(served.header('content-type'), 'image/png')
    const fresh = await Organization.findOrFail(organization.id)
    assert.match(fresh.logoPath!, /^platform\/logo-[0-9a-f-]{36}\.png$/)
    assert.isTrue(
      await AuditEntry.query()
        .where({ organizationId: organization.id, action: 'organization.logo_updated' })
        .first()
        .then(Boolean)
    )

    const replaced = await client
      .post(`/api/v1/orgs/${organization.id}/logo`)
      .loginAs(owner)
      .file('logo', PNG, { filename: 'logo.png' })
      .withCsrfToken()
    replaced.assertStatus(200)
    assert.isFalse(
      await files.exists(organization.id, fresh.logoPath!),
      'the previous logo is deleted'
    )
    ;(await client.get(location)).assertStatus(404)
  })

  test('a logo over 2 MB is 413 on the logo field, in the language of the user', async ({
    client,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)])
    const response = await client
      .post(`/api/v1/orgs/${organization.id}/logo`)
      .loginAs(owner)
      .file('logo', big, { filename: 'logo.png' })
      .withCsrfToken()
    response.assertStatus(413)
    response.assertBodyContains({
      errors: [
        {
          code: 'E_FILE_TOO_LARGE',
          field: 'logo',
          message: 'Ce fichier est trop volumineux (2 MB au maximum).',
        },
      ],
    })
  })

  test('a logo named .png whose bytes are not an image is 422; svg is refused', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const fake = await client
      .post(`/api/v1/orgs/${organization.id}/logo`)
      .loginAs(owner)
      .file('logo', Buffer.from('these bytes are no picture at all'), { filename: 'logo.png' })
      .withCsrfToken()
    fake.assertStatus(422)
    fake.assertBodyContains({
      errors: [
        {
          code: 'E_FILE_TYPE_NOT_ALLOWED',
          field: 'logo',
          message: "Ce type de fichier n'est pas accepté (formats acceptés : PNG, JPEG, WEBP).",
        },
      ],
    })
    // Passes the upload's own type guess (PNG magic number) but is no PNG: the sniffer has the last word.
    const truncated = await client
      .post(`/api/v1/orgs/${organization.id}/logo`)
      .loginAs(owner)
      .file(
        'logo',
        Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from('IHDR'.repeat(20))]),
        { filename: 'logo.png' }
      )
      .withCsrfToken()
    truncated.assertStatus(422)
    assert.equal(truncated.body().errors[0].field, 'logo')
    const html = await client
      .post(`/api/v1/orgs/${organization.id}/logo`)
      .loginAs(owner)
      .file('logo', Buffer.from('<html><script>alert(1)</script></html>'), { filename: 'logo.png' })
      .withCsrfToken()
    html.assertStatus(422)
    assert.equal(html.body().errors[0].field, 'logo')
    assert.isString(html.body().errors[0].message)
    await organization.refresh()
    assert.isNull(organization.logoPath)
    const svg = await client
      .post(`/api/v1/orgs/${organization.id}/logo`)
      .loginAs(owner)
      .file(
        'logo',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        { filename: 'logo.svg' }
      )
      .withCsrfToken()
    svg.assertStatus(422)
    svg.assertBodyContains({ errors: [{ field: 'logo' }] })
  })

  test('a member cannot upload a logo', async ({ client }) => {
    const { organization } = await createOwnerWithOrganization()
    const member = await createUser()
    await addMember(organization, member, 'member')
    const response = await client
      .post(`/api/v1/orgs/${organization.id}/logo`)
      .loginAs(member)
      .file('logo', PNG, { filename: 'logo.png' })
      .withCsrfToken()
    response.assertStatus(403)
  })
})

test.group('Organisations / isolation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  const ROUTES: [string, string, Record<string, unknown>?][] = [
    ['get', ''],
    ['patch', '', { name: 'Intrus' }],
    ['post', '/logo'],
    ['get', '/logo'],
    ['get', '/members'],
    ['patch', '/members/00000000-0000-4000-8000-000000000000', { role: 'admin' }],
    ['delete', '/members/00000000-0000-4000-8000-000000000000'],
    ['post', '/leave'],
    ['post', '/transfer-ownership', { memberId: '00000000-0000-4000-8000-000000000000' }],
    ['get', '/invitations'],
    ['post', '/invitations', { email: 'x@example.cd', role: 'member' }],
    ['delete', '/invitations/00000000-0000-4000-8000-000000000000'],
    ['get', '/audit-log'],
    ['get', '/modules'],
    ['post', '/modules/probe/enable'],
    ['post', '/modules/probe/disable'],
    ['get', '/shell-manifest'],
  ]

  test('every organisation route answers 404 to a non-member and to a malformed id', async ({
    client,
    assert,
  }) => {
    const { organization } = await createOwnerWithOrganization()
    const outsider = await createUser()
    await createOwnerWithOrganization()
    for (const orgId of [organization.id, 'not-a-uuid', "1' OR '1'='1"]) {
      for (const [method, path, body] of ROUTES) {
        const request = (client as any)
          [method](`/api/v1/orgs/${encodeURIComponent(orgId)}${path}`)
          .loginAs(outsider)
          .withCsrfToken()
        const response = await (body ? request.json(body) : request)
        assert.equal(response.status(), 404, `${method.toUpperCase()} ${path || '/'} for ${orgId}`)
        assert.equal(response.body().errors[0].code, 'E_NOT_FOUND')
      }
    }
    await organization.refresh()
    assert.notEqual(organization.name, 'Intrus')
  })

  test('the 404 of a foreign organisation is the same as the 404 of one that does not exist', async ({
    client,
    assert,
  }) => {
    const { organization } = await createOwnerWithOrganization()
    const outsider = await createUser()
    const foreign = await client.get(`/api/v1/orgs/${organization.id}`).loginAs(outsider)
    const missing = await client
      .get('/api/v1/orgs/00000000-0000-4000-8000-000000000000')
      .loginAs(outsider)
    assert.deepEqual(foreign.body(), missing.body())
  })
})

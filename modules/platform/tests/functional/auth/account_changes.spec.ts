import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import {
  addMember,
  auditTrail,
  createOrganization,
  createOwnerWithOrganization,
  createUser,
  Organization,
  runQueuedJobs,
  TEST_PASSWORD,
  tokenSentTo,
  User,
} from '../../helpers.ts'
import { BrowserClient } from '../../browser_client.ts'

async function signedIn(user: User) {
  const browser = BrowserClient.forTestServer()
  await browser.signIn(user.email, TEST_PASSWORD)
  return browser
}

test.group('Auth / changing the email address', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('the new address confirms the change; the old one is told twice; sign-in then takes the new address', async ({
    assert,
  }) => {
    const mails = mail.fake()
    const user = await createUser({ locale: 'en' })
    const previous = user.email
    const browser = await signedIn(user)

    const asked = await browser.send('POST', '/api/v1/auth/email', {
      email: 'Nouvelle.Adresse@Example.cd',
      currentPassword: TEST_PASSWORD,
    })
    assert.equal(asked.status, 202)
    await runQueuedJobs()
    const notice = mails.messages.sent().find((sent) => sent.hasTo(previous))!
    assert.equal(notice.toJSON().message.subject, 'Email address change requested')
    assert.include(String(notice.toJSON().message.text), 'nouvelle.adresse@example.cd')
    await user.refresh()
    assert.equal(user.email, previous, 'nothing changes before the new mailbox confirms')

    const token = tokenSentTo(mails, 'nouvelle.adresse@example.cd', '/confirm-email')
    const confirmed = await BrowserClient.forTestServer().send(
      'POST',
      '/api/v1/auth/email/confirm',
      { token }
    )
    assert.equal(confirmed.status, 200)
    assert.equal(confirmed.body.user.email, 'nouvelle.adresse@example.cd')
    assert.isTrue(confirmed.body.user.emailVerified)
    await runQueuedJobs()
    const changed = mails.messages.sent().filter((sent) => sent.hasTo(previous))
    assert.deepEqual(
      changed.map((sent) => sent.toJSON().message.subject),
      ['Email address change requested', 'Your email address was changed']
    )

    assert.equal((await BrowserClient.forTestServer().signIn(previous, TEST_PASSWORD)).status, 400)
    assert.equal(
      (await BrowserClient.forTestServer().signIn('nouvelle.adresse@example.cd', TEST_PASSWORD))
        .status,
      200
    )
    const reused = await BrowserClient.forTestServer().send('POST', '/api/v1/auth/email/confirm', {
      token,
    })
    assert.equal(reused.status, 400)
    assert.equal(reused.body.errors[0].code, 'E_INVALID_TOKEN')
  })

  test('a wrong password, the same address or one taken by another account is a 422 on its field; nothing is mailed', async ({
    assert,
  }) => {
    const mails = mail.fake()
    const user = await createUser()
    const other = await createUser()
    const browser = await signedIn(user)

    const wrong = await browser.send('POST', '/api/v1/auth/email', {
      email: 'libre@example.cd',
      currentPassword: 'pas-le-bon',
    })
    assert.equal(wrong.status, 422)
    assert.deepInclude(wrong.body.errors[0], { code: 'E_WRONG_PASSWORD', field: 'currentPassword' })
    const same = await browser.send('POST', '/api/v1/auth/email', {
      email: user.email.toUpperCase(),
      currentPassword: TEST_PASSWORD,
    })
    assert.deepInclude(same.body.errors[0], { code: 'E_SAME_EMAIL', field: 'email' })
    const taken = await browser.send('POST', '/api/v1/auth/email', {
      email: other.email,
      currentPassword: TEST_PASSWORD,
    })
    assert.equal(taken.status, 422)
    assert.deepInclude(taken.body.errors[0], { code: 'E_EMAIL_TAKEN', field: 'email' })
    await runQueuedJobs()
    assert.lengthOf(mails.messages.sent(), 0)
  })

  test('an address taken between the request and the confirmation is refused then, not stored twice', async ({
    assert,
  }) => {
    const mails = mail.fake()
    const user = await createUser()
    const browser = await signedIn(user)
    await browser.send('POST', '/api/v1/auth/email', {
      email: 'convoitee@example.cd',
      currentPassword: TEST_PASSWORD,
    })
    await runQueuedJobs()
    await createUser({ email: 'convoitee@example.cd' })

    const confirmed = await BrowserClient.forTestServer().send(
      'POST',
      '/api/v1/auth/email/confirm',
      {
        token: tokenSentTo(mails, 'convoitee@example.cd', '/confirm-email'),
      }
    )
    assert.equal(confirmed.status, 422)
    assert.equal(confirmed.body.errors[0].code, 'E_EMAIL_TAKEN')
    await user.refresh()
    assert.notEqual(user.email, 'convoitee@example.cd')
  })

  test('requests are limited per account: the sixth within the hour is a 429 with Retry-After', async ({
    assert,
  }) => {
    mail.fake()
    const user = await createUser()
    const browser = await signedIn(user)
    for (let attempt = 1; attempt <= 5; attempt++) {
      const asked = await browser.send('POST', '/api/v1/auth/email', {
        email: `essai${attempt}@example.cd`,
        currentPassword: TEST_PASSWORD,
      })
      assert.equal(asked.status, 202)
    }
    const refused = await browser.send('POST', '/api/v1/auth/email', {
      email: 'essai6@example.cd',
      currentPassword: TEST_PASSWORD,
    })
    assert.equal(refused.status, 429)
    assert.equal(refused.body.errors[0].code, 'E_TOO_MANY_REQUESTS')
    assert.isAbove(Number(refused.headers.get('retry-after')), 0)
  })

  test('an account opened through an identity provider is asked to set a password first', async ({
    assert,
  }) => {
    const user = await createUser()
    const browser = await signedIn(user)
    // As an account opened through an identity provider is stored.
    await User.query().where('id', user.id).update({ password: null })
    const asked = await browser.send('POST', '/api/v1/auth/email', {
      email: 'autre@example.cd',
      currentPassword: 'quelconque',
    })
    assert.equal(asked.status, 422)
    assert.deepInclude(asked.body.errors[0], {
      code: 'E_NO_PASSWORD_SET',
      field: 'currentPassword',
    })
  })
})

test.group('Auth / deleting the account', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('the plan names the organisations that block, that go with the account, and that stay', async ({
    assert,
  }) => {
    const { owner, organization: alone } = await createOwnerWithOrganization('Seul SARL')
    const shared = await createOrganization(owner, 'Partagée SARL')
    await addMember(shared, await createUser(), 'member')
    const elsewhere = await createOwnerWithOrganization('Ailleurs SA')
    await addMember(elsewhere.organization, owner, 'admin')

    const plan = await (await signedIn(owner)).get('/api/v1/auth/me/deletion')
    assert.equal(plan.status, 200)
    assert.deepEqual(plan.body, {
      blocking: [{ id: shared.id, name: 'Partagée SARL' }],
      deleted: [{ id: alone.id, name: 'Seul SARL' }],
      left: [{ id: elsewhere.organization.id, name: 'Ailleurs SA' }],
    })
  })

  test('an owner of an organisation with other members must hand it over first: 422 naming it, nothing deleted', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization('Partagée SARL')
    await addMember(organization, await createUser(), 'member')
    const refused = await (
      await signedIn(owner)
    ).send('DELETE', '/api/v1/auth/me', { currentPassword: TEST_PASSWORD })
    assert.equal(refused.status, 422)
    assert.equal(refused.body.errors[0].code, 'E_ACCOUNT_OWNS_ORGANIZATIONS')
    assert.include(refused.body.errors[0].message, 'Partagée SARL')
    assert.isNotNull(await User.find(owner.id))
  })

  test('a wrong password deletes nothing', async ({ assert }) => {
    const { owner } = await createOwnerWithOrganization()
    const refused = await (
      await signedIn(owner)
    ).send('DELETE', '/api/v1/auth/me', { currentPassword: 'pas-le-bon' })
    assert.equal(refused.status, 422)
    assert.deepInclude(refused.body.errors[0], {
      code: 'E_WRONG_PASSWORD',
      field: 'currentPassword',
    })
    assert.isNotNull(await User.find(owner.id))
  })

  test('deleting removes the account, its sole organisations with their files, ends every session; the others record it', async ({
    assert,
  }) => {
    const mails = mail.fake()
    const { owner: user, organization: alone } = await createOwnerWithOrganization('Seul SARL')
    const team = await createOwnerWithOrganization('Équipe SA')
    await addMember(team.organization, user, 'member')
    const files = await app.container.make('platform.files')
    await files.put(alone.id, 'contacts/photo.png', new Uint8Array([1, 2, 3]), {
      contentType: 'image/png',
    })
    const laptop = await signedIn(user)
    const phone = await signedIn(user)
    const token = (await laptop.send('POST', '/api/v1/auth/tokens', { name: 'Script' })).body.token
      .value as string

    const deleted = await laptop.send('DELETE', '/api/v1/auth/me', {
      currentPassword: TEST_PASSWORD,
    })
    assert.equal(deleted.status, 204)
    assert.isNull(await User.find(user.id))
    assert.isNull(await Organization.find(alone.id))
    assert.isNotNull(await Organization.find(team.organization.id))
    assert.lengthOf(
      await auditTrail({ organization_id: team.organization.id, action: 'member.account_deleted' }),
      1
    )
    assert.equal((await laptop.get('/api/v1/auth/me')).status, 401)
    assert.equal((await phone.get('/api/v1/auth/me')).status, 401)
    const bearer = await fetch(`${laptop.baseUrl}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    })
    assert.equal(bearer.status, 401)

    await runQueuedJobs()
    assert.isFalse(
      await files.exists(alone.id, 'contacts/photo.png'),
      'the deleted organisation keeps no file'
    )
    assert.isTrue(
      mails.messages
        .sent()
        .some(
          (sent) =>
            sent.hasTo(user.email) &&
            sent.toJSON().message.subject === 'Votre compte a été supprimé'
        )
    )
    assert.equal(
      (await BrowserClient.forTestServer().signIn(user.email, TEST_PASSWORD)).status,
      400
    )
  })
})

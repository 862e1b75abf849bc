import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import Invitation from '../../../app/models/invitation.ts'
import Membership from '../../../app/models/membership.ts'
import User from '../../../app/models/user.ts'
import { userTokens } from '../../../app/services/user_tokens.ts'
import {
  addMember,
  auditTrail,
  createOwnerWithOrganization,
  createUser,
  runQueuedJobs,
  TEST_PASSWORD,
} from '../../helpers.ts'

type FakeMails = ReturnType<typeof mail.fake>

/** The text of the one mail sent to `email`. */
function textSentTo(mails: FakeMails, email: string) {
  const message = mails.messages.sent().find((sent) => sent.hasTo(email))
  if (!message) throw new Error(`No mail sent to ${email}`)
  return {
    subject: String(message.toJSON().message.subject),
    text: String(message.toJSON().message.text),
  }
}

const invitationToken = (text: string) => text.match(/\/invitations\/([A-Za-z0-9_-]+)/)![1]

test.group('First day / invitations and passwords', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  async function invite(client: any, owner: User, organizationId: string, email: string) {
    const mails = mail.fake()
    const response = await client
      .post(`/api/v1/orgs/${organizationId}/invitations`)
      .loginAs(owner)
      .json({ email, role: 'member' })
      .withCsrfToken()
    response.assertStatus(201)
    await runQueuedJobs()
    const sent = textSentTo(mails, email)
    mail.restore()
    return {
      invitation: response.body().invitation as { id: string },
      token: invitationToken(sent.text),
      sent,
    }
  }

  test('the invitation mail has its own wording, and its job is titled in both languages', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization('Kivu Trading')
    const { sent, invitation } = await invite(client, owner, organization.id, 'amani@example.cd')
    assert.notInclude(sent.text, "Si vous n'êtes pas à l'origine de cette demande")
    assert.include(sent.text, 'personne ne sera ajouté sans vous')
    assert.isNotNull(invitation)
    const job = await db
      .from('platform.jobs')
      .where('organization_id', organization.id)
      .where('name', 'platform.send_mail')
      .firstOrFail()
    assert.deepEqual(job.label, {
      fr: "Envoi de l'invitation à amani@example.cd",
      en: 'Sending the invitation to amani@example.cd',
    })
  })

  test('signing up from an invitation joins at once and counts the address as verified', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization('Kivu Trading')
    const { token } = await invite(client, owner, organization.id, 'amani@example.cd')
    const mails = mail.fake()
    const response = await client
      .post('/api/v1/auth/sign-up')
      .json({
        fullName: 'Amani Kabila',
        email: 'Amani@example.cd',
        password: 'motdepasse-solide',
        invitationToken: token,
      })
      .withCsrfToken()
    response.assertStatus(201)
    assert.deepEqual(response.body().organization, {
      id: organization.id,
      name: 'Kivu Trading',
      role: 'member',
    })
    assert.isTrue(response.body().user.emailVerified)
    const user = await User.findByOrFail('email', 'amani@example.cd')
    assert.isNotNull(user.emailVerifiedAt)
    assert.isNotNull(
      await Membership.query().where({ organizationId: organization.id, userId: user.id }).first()
    )
    assert.isNotNull(
      (await Invitation.query().where('organization_id', organization.id).firstOrFail()).acceptedAt
    )
    await runQueuedJobs()
    assert.lengthOf(mails.messages.sent(), 0, 'no verification mail for an invited address')
    ;(await client.get(`/api/v1/invitations/${token}`)).assertStatus(404)
  })

  test('signing up from an invitation with another address, or a dead link, creates nobody', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const { token } = await invite(client, owner, organization.id, 'amani@example.cd')
    const other = await client
      .post('/api/v1/auth/sign-up')
      .json({
        fullName: 'Autre',
        email: 'autre@example.cd',
        password: 'motdepasse-solide',
        invitationToken: token,
      })
      .withCsrfToken()
    other.assertStatus(422)
    other.assertBodyContains({ errors: [{ code: 'E_INVITATION_OTHER_EMAIL', field: 'email' }] })
    const dead = await client
      .post('/api/v1/auth/sign-up')
      .json({
        fullName: 'Amani',
        email: 'amani@example.cd',
        password: 'motdepasse-solide',
        invitationToken: 'nope',
      })
      .withCsrfToken()
    dead.assertStatus(404)
    dead.assertBodyContains({
      errors: [{ code: 'E_INVITATION_INVALID', field: 'invitationToken' }],
    })
    assert.isNull(await User.findBy('email', 'autre@example.cd'))
    assert.isNull(await User.findBy('email', 'amani@example.cd'))
  })

  test('a pending invitation is sent again with a new link, at most every 5 minutes, audited', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const { invitation, token: firstToken } = await invite(
      client,
      owner,
      organization.id,
      'amani@example.cd'
    )
    const url = `/api/v1/orgs/${organization.id}/invitations/${invitation.id}/resend`

    const tooSoon = await client.post(url).loginAs(owner).withCsrfToken()
    tooSoon.assertStatus(429)
    tooSoon.assertBodyContains({ errors: [{ code: 'E_INVITATION_RESEND_TOO_SOON' }] })
    assert.isAbove(Number(tooSoon.header('retry-after')), 0)

    await Invitation.query()
      .where('id', invitation.id)
      .update({ createdAt: DateTime.now().minus({ minutes: 6 }).toSQL() })
    const mails = mail.fake()
    const resent = await client.post(url).loginAs(owner).withCsrfToken()
    resent.assertStatus(200)
    assert.isString(resent.body().invitation.lastSentAt)
    await runQueuedJobs()
    const newToken = invitationToken(textSentTo(mails, 'amani@example.cd').text)
    assert.notEqual(newToken, firstToken)
    ;(await client.get(`/api/v1/invitations/${firstToken}`)).assertStatus(404)
    ;(await client.get(`/api/v1/invitations/${newToken}`)).assertStatus(200)
    assert.lengthOf(
      await auditTrail({ organization_id: organization.id, action: 'invitation.resent' }),
      1
    )

    ;(await client.post(url).loginAs(owner).withCsrfToken()).assertStatus(429)
  })

  test('resending: members get 403, another organisation and an accepted invitation answer 404', async ({
    client,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const { invitation } = await invite(client, owner, organization.id, 'amani@example.cd')
    const url = `/api/v1/orgs/${organization.id}/invitations/${invitation.id}/resend`
    const member = await createUser()
    await addMember(organization, member, 'member')
    ;(await client.post(url).loginAs(member).withCsrfToken()).assertStatus(403)

    const stranger = await createOwnerWithOrganization()
    ;(await client.post(url).loginAs(stranger.owner).withCsrfToken()).assertStatus(404)
    ;(
      await client
        .post(`/api/v1/orgs/${stranger.organization.id}/invitations/${invitation.id}/resend`)
        .loginAs(stranger.owner)
        .withCsrfToken()
    ).assertStatus(404)
    ;(
      await client
        .post(`/api/v1/orgs/${organization.id}/invitations/not-a-uuid/resend`)
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(404)

    await Invitation.query()
      .where('id', invitation.id)
      .update({ acceptedAt: DateTime.now().toSQL() })
    ;(await client.post(url).loginAs(owner).withCsrfToken()).assertStatus(404)
  })

  test('a password change sends "your password was changed" through the mail job', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ locale: 'en' })
    const mails = mail.fake()
    const changed = await client
      .post('/api/v1/auth/password')
      .loginAs(user)
      .json({ currentPassword: TEST_PASSWORD, password: 'un-tout-nouveau-secret' })
      .withCsrfToken()
    changed.assertStatus(204)
    const job = await db
      .from('platform.jobs')
      .where('user_id', user.id)
      .where('name', 'platform.send_mail')
      .firstOrFail()
    assert.equal(job.label.fr, `Envoi de l'avis de changement de mot de passe à ${user.email}`)
    await runQueuedJobs()
    const sent = textSentTo(mails, user.email)
    assert.equal(sent.subject, 'Your password was changed')
    assert.include(sent.text, '/forgot-password')
    assert.match(sent.text, /changed on \w+ \d+, \d{4}/)
  })

  test('a wrong current password changes nothing and sends nothing', async ({ client, assert }) => {
    const user = await createUser()
    const mails = mail.fake()
    const refused = await client
      .post('/api/v1/auth/password')
      .loginAs(user)
      .json({ currentPassword: 'pas-le-bon-secret', password: 'un-tout-nouveau-secret' })
      .withCsrfToken()
    refused.assertStatus(422)
    await runQueuedJobs()
    assert.lengthOf(mails.messages.sent(), 0)
  })

  test('a reset link can be checked before its form is shown: usable, then used, then unknown', async ({
    client,
  }) => {
    const user = await createUser()
    const token = await db.transaction((trx) => userTokens.issue(user.id, 'reset_password', trx))
    ;(
      await client.post('/api/v1/auth/reset-password/check').json({ token }).withCsrfToken()
    ).assertStatus(204)
    ;(
      await client
        .post('/api/v1/auth/reset-password')
        .json({ token, password: 'un-tout-nouveau-secret' })
        .withCsrfToken()
    ).assertStatus(204)
    const used = await client
      .post('/api/v1/auth/reset-password/check')
      .json({ token })
      .withCsrfToken()
    used.assertStatus(400)
    used.assertBodyContains({ errors: [{ code: 'E_INVALID_TOKEN', field: 'token' }] })
    ;(
      await client
        .post('/api/v1/auth/reset-password/check')
        .json({ token: 'inconnu' })
        .withCsrfToken()
    ).assertStatus(400)
    ;(await client.post('/api/v1/auth/reset-password/check').json({}).withCsrfToken()).assertStatus(
      422
    )
  })
})

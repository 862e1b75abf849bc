import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import Invitation from '../../../app/models/invitation.ts'
import Membership from '../../../app/models/membership.ts'
import AuditEntry from '../../../app/models/audit_entry.ts'
import { addMember, createOwnerWithOrganization, createUser, runQueuedJobs } from '../../helpers.ts'

test.group('Organisations / invitations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  async function invite(
    client: any,
    owner: any,
    organizationId: string,
    email: string,
    role = 'member'
  ) {
    const mails = mail.fake()
    const response = await client
      .post(`/api/v1/orgs/${organizationId}/invitations`)
      .loginAs(owner)
      .json({ email, role })
      .withCsrfToken()
    await runQueuedJobs()
    const message = mails.messages.sent().find((sent) => sent.hasTo(email.toLowerCase()))
    const token = message
      ? String(message.toJSON().message.text).match(/\/invitations\/([A-Za-z0-9_-]+)/)?.[1]
      : undefined
    return { response, message, token }
  }

  test('an admin invites by email: a mail with the link is sent, the invitation is listed', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization('Lualaba Mining')
    const { response, message, token } = await invite(
      client,
      owner,
      organization.id,
      'Nouvelle@Example.cd',
      'admin'
    )
    response.assertStatus(201)
    assert.containsSubset(response.body().invitation, {
      email: 'nouvelle@example.cd',
      role: 'admin',
    })
    assert.exists(message)
    assert.include(message!.toJSON().message.subject, 'Lualaba Mining')
    assert.isString(token)
    const listed = await client.get(`/api/v1/orgs/${organization.id}/invitations`).loginAs(owner)
    assert.deepEqual(
      listed.body().data.map((row: { email: string }) => row.email),
      ['nouvelle@example.cd']
    )
    const shown = await client.get(`/api/v1/invitations/${token}`)
    shown.assertStatus(200)
    assert.containsSubset(shown.body().invitation, {
      organizationName: 'Lualaba Mining',
      email: 'nouvelle@example.cd',
      role: 'admin',
    })
  })

  test('accepting with the matching email joins with the role, once', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const invitee = await createUser({ email: 'invitee@example.cd' })
    const { token } = await invite(client, owner, organization.id, 'invitee@example.cd', 'admin')
    const accepted = await client
      .post(`/api/v1/invitations/${token}/accept`)
      .loginAs(invitee)
      .withCsrfToken()
    accepted.assertStatus(200)
    assert.deepEqual(accepted.body().organization, {
      id: organization.id,
      name: organization.name,
      role: 'admin',
    })
    const membership = await Membership.query()
      .where({ organizationId: organization.id, userId: invitee.id })
      .firstOrFail()
    assert.equal(membership.role, 'admin')
    assert.isNotNull(
      await AuditEntry.query()
        .where({ organizationId: organization.id, action: 'member.joined' })
        .first()
    )

    const again = await client
      .post(`/api/v1/invitations/${token}/accept`)
      .loginAs(invitee)
      .withCsrfToken()
    again.assertStatus(404)
    again.assertBodyContains({ errors: [{ code: 'E_INVITATION_INVALID' }] })
  })

  test('accepting with another email is 403 and joins nobody', async ({ client, assert }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const intruder = await createUser()
    const { token } = await invite(client, owner, organization.id, 'quelquun@example.cd')
    const response = await client
      .post(`/api/v1/invitations/${token}/accept`)
      .loginAs(intruder)
      .withCsrfToken()
    response.assertStatus(403)
    response.assertBodyContains({ errors: [{ code: 'E_INVITATION_OTHER_EMAIL' }] })
    assert.isNull(
      await Membership.query()
        .where({ organizationId: organization.id, userId: intruder.id })
        .first()
    )
  })

  test('an expired invitation is 404', async ({ client }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const invitee = await createUser({ email: 'late@example.cd' })
    const { token } = await invite(client, owner, organization.id, 'late@example.cd')
    await Invitation.query()
      .where('organization_id', organization.id)
      .update({ expiresAt: DateTime.now().minus({ minutes: 1 }).toSQL() })
    const shown = await client.get(`/api/v1/invitations/${token}`)
    shown.assertStatus(404)
    const accepted = await client
      .post(`/api/v1/invitations/${token}/accept`)
      .loginAs(invitee)
      .withCsrfToken()
    accepted.assertStatus(404)
  })

  test('inviting an existing member is 422; a member accepting again is 422', async ({
    client,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const member = await createUser({ email: 'deja@example.cd' })
    const { token } = await invite(client, owner, organization.id, 'deja@example.cd')
    await addMember(organization, member, 'member')
    const { response } = await invite(client, owner, organization.id, 'DEJA@example.cd')
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_ALREADY_MEMBER', field: 'email' }] })
    const accepted = await client
      .post(`/api/v1/invitations/${token}/accept`)
      .loginAs(member)
      .withCsrfToken()
    accepted.assertStatus(422)
  })

  test('a member cannot invite; an admin deletes an invitation (audited)', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const member = await createUser()
    await addMember(organization, member, 'member')
    const { response: forbidden } = await invite(client, member, organization.id, 'x@example.cd')
    forbidden.assertStatus(403)
    const { response } = await invite(client, owner, organization.id, 'y@example.cd')
    const deleted = await client
      .delete(`/api/v1/orgs/${organization.id}/invitations/${response.body().invitation.id}`)
      .loginAs(owner)
      .withCsrfToken()
    deleted.assertStatus(204)
    assert.isNull(await Invitation.find(response.body().invitation.id))
    assert.isNotNull(
      await AuditEntry.query()
        .where({ organizationId: organization.id, action: 'invitation.deleted' })
        .first()
    )
    const malformed = await client
      .delete(`/api/v1/orgs/${organization.id}/invitations/zzz`)
      .loginAs(owner)
      .withCsrfToken()
    malformed.assertStatus(404)
  })
})

import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Membership from '../../../app/models/membership.ts'
import AuditEntry from '../../../app/models/audit_entry.ts'
import { addMember, createOwnerWithOrganization, createUser } from '../../helpers.ts'

test.group('Organisations / members', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function team() {
    const { owner, organization } = await createOwnerWithOrganization()
    const admin = await createUser()
    const otherAdmin = await createUser()
    const member = await createUser()
    const ownerMembership = await Membership.query()
      .where({ organizationId: organization.id, userId: owner.id })
      .firstOrFail()
    return {
      owner,
      organization,
      admin,
      member,
      ownerMembership,
      adminMembership: await addMember(organization, admin, 'admin'),
      otherAdminMembership: await addMember(organization, otherAdmin, 'admin'),
      memberMembership: await addMember(organization, member, 'member'),
    }
  }

  test('lists the members with their role to any member', async ({ client, assert }) => {
    const { organization, member, owner } = await team()
    const response = await client.get(`/api/v1/orgs/${organization.id}/members`).loginAs(member)
    response.assertStatus(200)
    assert.lengthOf(response.body().data, 4)
    assert.containsSubset(response.body().data[0], {
      userId: owner.id,
      email: owner.email,
      role: 'owner',
    })
  })

  test('an admin changes a member role; it is audited', async ({ client, assert }) => {
    const { organization, admin, memberMembership } = await team()
    const response = await client
      .patch(`/api/v1/orgs/${organization.id}/members/${memberMembership.id}`)
      .loginAs(admin)
      .json({ role: 'admin' })
      .withCsrfToken()
    response.assertStatus(200)
    assert.equal(response.body().member.role, 'admin')
    const audit = await AuditEntry.query()
      .where({ organizationId: organization.id, action: 'member.role_changed' })
      .firstOrFail()
    assert.deepEqual(audit.metadata, { from: 'member', to: 'admin' })
    assert.equal(audit.actorId, admin.id)
  })

  test('an admin cannot touch the owner, another admin or themself; the owner can manage admins', async ({
    client,
  }) => {
    const { organization, owner, admin, ownerMembership, otherAdminMembership, adminMembership } =
      await team()
    for (const target of [ownerMembership, otherAdminMembership, adminMembership]) {
      const changed = await client
        .patch(`/api/v1/orgs/${organization.id}/members/${target.id}`)
        .loginAs(admin)
        .json({ role: 'member' })
        .withCsrfToken()
      changed.assertStatus(403)
      const removed = await client
        .delete(`/api/v1/orgs/${organization.id}/members/${target.id}`)
        .loginAs(admin)
        .withCsrfToken()
      removed.assertStatus(403)
    }
    const byOwner = await client
      .patch(`/api/v1/orgs/${organization.id}/members/${otherAdminMembership.id}`)
      .loginAs(owner)
      .json({ role: 'member' })
      .withCsrfToken()
    byOwner.assertStatus(200)
  })

  test('ownership cannot be given through a role change', async ({ client }) => {
    const { organization, owner, memberMembership } = await team()
    const response = await client
      .patch(`/api/v1/orgs/${organization.id}/members/${memberMembership.id}`)
      .loginAs(owner)
      .json({ role: 'owner' })
      .withCsrfToken()
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'role' }] })
  })

  test('a member cannot manage members', async ({ client }) => {
    const { organization, member, otherAdminMembership } = await team()
    const changed = await client
      .patch(`/api/v1/orgs/${organization.id}/members/${otherAdminMembership.id}`)
      .loginAs(member)
      .json({ role: 'member' })
      .withCsrfToken()
    changed.assertStatus(403)
    const removed = await client
      .delete(`/api/v1/orgs/${organization.id}/members/${otherAdminMembership.id}`)
      .loginAs(member)
      .withCsrfToken()
    removed.assertStatus(403)
  })

  test('an admin removes a member; it is audited; a member of another organisation is 404', async ({
    client,
    assert,
  }) => {
    const { organization, admin, memberMembership } = await team()
    const removed = await client
      .delete(`/api/v1/orgs/${organization.id}/members/${memberMembership.id}`)
      .loginAs(admin)
      .withCsrfToken()
    removed.assertStatus(204)
    assert.isNull(await Membership.find(memberMembership.id))
    assert.isNotNull(
      await AuditEntry.query()
        .where({
          organizationId: organization.id,
          action: 'member.removed',
          subjectId: memberMembership.userId,
        })
        .first()
    )

    const { organization: other } = await createOwnerWithOrganization()
    const stranger = await addMember(other, await createUser(), 'member')
    const foreign = await client
      .delete(`/api/v1/orgs/${organization.id}/members/${stranger.id}`)
      .loginAs(admin)
      .withCsrfToken()
    foreign.assertStatus(404)
    assert.isNotNull(await Membership.find(stranger.id))
    const malformed = await client
      .delete(`/api/v1/orgs/${organization.id}/members/nope`)
      .loginAs(admin)
      .withCsrfToken()
    malformed.assertStatus(404)
  })

  test('a member leaves; the owner cannot (409)', async ({ client, assert }) => {
    const { organization, owner, member, memberMembership } = await team()
    const left = await client
      .post(`/api/v1/orgs/${organization.id}/leave`)
      .loginAs(member)
      .withCsrfToken()
    left.assertStatus(204)
    assert.isNull(await Membership.find(memberMembership.id))
    const ownerLeaves = await client
      .post(`/api/v1/orgs/${organization.id}/leave`)
      .loginAs(owner)
      .withCsrfToken()
    ownerLeaves.assertStatus(409)
    ownerLeaves.assertBodyContains({ errors: [{ code: 'E_OWNER_CANNOT_LEAVE' }] })
  })

  test('only the owner transfers ownership, to a member of the organisation', async ({
    client,
    assert,
  }) => {
    const { organization, owner, admin, ownerMembership, memberMembership } = await team()
    const byAdmin = await client
      .post(`/api/v1/orgs/${organization.id}/transfer-ownership`)
      .loginAs(admin)
      .json({ memberId: memberMembership.id })
      .withCsrfToken()
    byAdmin.assertStatus(403)

    const { organization: other } = await createOwnerWithOrganization()
    const stranger = await addMember(other, await createUser(), 'member')
    const toStranger = await client
      .post(`/api/v1/orgs/${organization.id}/transfer-ownership`)
      .loginAs(owner)
      .json({ memberId: stranger.id })
      .withCsrfToken()
    toStranger.assertStatus(422)

    const transferred = await client
      .post(`/api/v1/orgs/${organization.id}/transfer-ownership`)
      .loginAs(owner)
      .json({ memberId: memberMembership.id })
      .withCsrfToken()
    transferred.assertStatus(204)
    await ownerMembership.refresh()
    await memberMembership.refresh()
    assert.equal(ownerMembership.role, 'admin')
    assert.equal(memberMembership.role, 'owner')
    assert.isNotNull(
      await AuditEntry.query()
        .where({ organizationId: organization.id, action: 'organization.ownership_transferred' })
        .first()
    )
  })
})

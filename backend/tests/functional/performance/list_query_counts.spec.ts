import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { auditLog, jobs, notifications } from '@ia/platform/contracts'
import Invitation from '@ia/platform/models/invitation'
import { addMember, createOwnerWithOrganization, createUser } from '@ia/platform/testing'

type Owner = Awaited<ReturnType<typeof createOwnerWithOrganization>>

/** Each list endpoint with a way to add one more row to it. */
const LISTS: { name: string; url: (orgId: string) => string; add: (owner: Owner, index: number) => Promise<unknown> }[] = [
  {
    name: 'members',
    url: (orgId) => `/api/v1/orgs/${orgId}/members`,
    add: async ({ organization }) => addMember(organization, await createUser(), 'member'),
  },
  {
    name: 'invitations',
    url: (orgId) => `/api/v1/orgs/${orgId}/invitations`,
    add: ({ organization, owner }, index) =>
      Invitation.create({
        organizationId: organization.id,
        email: `invite${index}-${Date.now()}@example.cd`,
        role: 'member',
        tokenHash: `${Date.now()}${index}`.padEnd(64, '0'),
        invitedById: owner.id,
        expiresAt: DateTime.now().plus({ days: 7 }),
      }),
  },
  {
    name: 'audit log',
    url: (orgId) => `/api/v1/orgs/${orgId}/audit-log?perPage=100`,
    add: ({ organization, owner }, index) =>
      auditLog.record({ organizationId: organization.id, actorId: owner.id, action: 'test.entry', subjectId: String(index) }),
  },
  {
    name: 'jobs',
    url: (orgId) => `/api/v1/orgs/${orgId}/jobs?perPage=100`,
    add: ({ organization, owner }, index) =>
      jobs.dispatch('platform.send_mail', { index }, { organizationId: organization.id, userId: owner.id }),
  },
  {
    name: 'notifications',
    url: () => `/api/v1/auth/notifications?perPage=100`,
    add: ({ owner }, index) =>
      notifications.notify(owner.id, { title: { fr: `Note ${index}`, en: `Note ${index}` }, body: { fr: 'Corps', en: 'Body' } }),
  },
]

test.group('List endpoints / query count', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  for (const list of LISTS) {
    test('{name} runs as many queries for 12 rows as for 2').with([list]).run(async ({ client, assert }, { url, add }) => {
      const owner = await createOwnerWithOrganization()
      const trx = await db.beginGlobalTransaction()
      trx.debug = true
      const seen: string[] = []
      const listener = (query: { sql: string }) => seen.push(query.sql)
      emitter.on('db:query', listener)
      const measure = async () => {
        seen.length = 0
        const response = await client.get(url(owner.organization.id)).loginAs(owner.owner)
        response.assertStatus(200)
        return { queries: seen.length, rows: response.body().data.length as number }
      }
      try {
        for (let index = 0; index < 2; index++) await add(owner, index)
        await measure()
        const small = await measure()
        for (let index = 2; index < 12; index++) await add(owner, index)
        const large = await measure()
        assert.isAbove(large.rows, small.rows)
        assert.equal(large.queries, small.queries)
      } finally {
        emitter.off('db:query', listener)
        trx.debug = false
      }
    })
  }
})

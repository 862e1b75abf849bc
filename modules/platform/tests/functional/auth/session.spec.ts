import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { addMember, createOwnerWithOrganization, createUser, TEST_PASSWORD } from '../../helpers.ts'
import { BrowserClient } from '../../browser_client.ts'

test.group('Auth / sessions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('sign-out ends the session on the server: the old cookie replayed is 401', async ({
    assert,
  }) => {
    const user = await createUser()
    const browser = BrowserClient.forTestServer()
    assert.equal((await browser.signIn(user.email, TEST_PASSWORD)).status, 200)
    const sessionId = browser.cookie('ia-session')!

    assert.equal((await browser.send('POST', '/api/v1/auth/sign-out')).status, 204)

    const replay = BrowserClient.forTestServer()
    replay.setCookie('ia-session', sessionId)
    const response = await replay.get('/api/v1/auth/me')
    assert.equal(response.status, 401)
    assert.equal(response.body.errors[0].code, 'E_UNAUTHORIZED')
  })

  test('removing a member ends their sessions at once', async ({ assert }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const member = await createUser()
    const membership = await addMember(organization, member, 'member')

    const memberBrowser = BrowserClient.forTestServer()
    await memberBrowser.signIn(member.email, TEST_PASSWORD)
    assert.equal((await memberBrowser.get(`/api/v1/orgs/${organization.id}`)).status, 200)

    const ownerBrowser = BrowserClient.forTestServer()
    await ownerBrowser.signIn(owner.email, TEST_PASSWORD)
    const removed = await ownerBrowser.send(
      'DELETE',
      `/api/v1/orgs/${organization.id}/members/${membership.id}`
    )
    assert.equal(removed.status, 204)

    assert.equal((await memberBrowser.get('/api/v1/auth/me')).status, 401)
    assert.equal((await ownerBrowser.get('/api/v1/auth/me')).status, 200)
  })

  test('a disabled user is refused even with a live session', async ({ assert }) => {
    const user = await createUser()
    const browser = BrowserClient.forTestServer()
    await browser.signIn(user.email, TEST_PASSWORD)
    const { DateTime } = await import('luxon')
    user.disabledAt = DateTime.now()
    await user.save()
    assert.equal((await browser.get('/api/v1/auth/me')).status, 401)
  })
})

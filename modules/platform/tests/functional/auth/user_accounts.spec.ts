import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import {
  addMember,
  auditTrail,
  createOwnerWithOrganization,
  createUser,
  TEST_PASSWORD,
} from '../../helpers.ts'
import { BrowserClient } from '../../browser_client.ts'
import UsersDisable from '../../../commands/users_disable.ts'
import UsersEnable from '../../../commands/users_enable.ts'

async function runCommand(command: typeof UsersDisable | typeof UsersEnable, argv: string[]) {
  const ace = await app.container.make('ace')
  ace.ui.switchMode('raw')
  const instance = await ace.create(command, argv)
  await instance.exec()
  return instance
}

test.group('Auth / disabling an account', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('users:disable ends every session and refuses tokens and sign-in at once; users:enable undoes it', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const user = await createUser({ email: 'Agent.Comptable@example.cd' })
    await addMember(organization, user, 'member')
    const laptop = BrowserClient.forTestServer()
    await laptop.signIn(user.email, TEST_PASSWORD)
    const created = await client
      .post('/api/v1/auth/tokens')
      .loginAs(user)
      .json({ name: 'CLI' })
      .withCsrfToken()
    const token = created.body().token.value as string
    assert.equal((await client.get('/api/v1/auth/me').bearerToken(token)).status(), 200)

    const disable = await runCommand(UsersDisable, [
      'agent.comptable@EXAMPLE.cd',
      '--reason=départ',
    ])
    disable.assertSucceeded()

    assert.equal((await laptop.get('/api/v1/auth/me')).status, 401)
    assert.equal((await client.get('/api/v1/auth/me').bearerToken(token)).status(), 401)
    assert.equal(
      (await BrowserClient.forTestServer().signIn(user.email, TEST_PASSWORD)).status,
      400
    )
    const [line] = await auditTrail({ organization_id: organization.id, action: 'user.disabled' })
    assert.equal(line.subjectId, user.id)
    assert.isNull(line.actorId)
    assert.deepEqual(line.metadata, { reason: 'départ' })
    assert.equal((await client.get('/api/v1/auth/me').loginAs(owner)).status(), 200)

    const again = await runCommand(UsersDisable, [user.email])
    again.assertSucceeded()
    again.assertLogMatches(/already disabled/)

    ;(await runCommand(UsersEnable, [user.email])).assertSucceeded()
    assert.equal(
      (await BrowserClient.forTestServer().signIn(user.email, TEST_PASSWORD)).status,
      200
    )
    assert.lengthOf(
      await auditTrail({ organization_id: organization.id, action: 'user.enabled' }),
      1
    )
  })

  test('an unknown email is an error and changes nothing', async () => {
    const command = await runCommand(UsersDisable, ['personne@example.cd'])
    command.assertFailed()
    command.assertLogMatches(/No account/)
  })
})

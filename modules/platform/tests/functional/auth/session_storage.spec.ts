import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { configProvider } from '@adonisjs/core'
import { stores } from '@adonisjs/session'
import type { HttpContext } from '@adonisjs/core/http'
import type {
  ResolvedSessionConfig,
  SessionStoreWithTaggingContract,
} from '@adonisjs/session/types'
import { SlidingSessionStore } from '../../../app/services/session_store.ts'
import { SessionSweeper } from '../../../app/jobs/session_sweeper.ts'
import { createUser, TEST_PASSWORD } from '../../helpers.ts'
import { BrowserClient } from '../../browser_client.ts'

/** The sessions the test configuration's store (memory) holds, shared by every instance of that store. */
async function storedSessions() {
  const config = await configProvider.resolve<ResolvedSessionConfig>(app, app.config.get('session'))
  const store = config!.stores.memory({} as HttpContext, config!)
  return (store.constructor as unknown as { sessions: Map<string, unknown> }).sessions
}

/** A session store on the real sessions table (the one production uses without Redis), as a request gets it. */
async function databaseStore() {
  const config = await configProvider.resolve<ResolvedSessionConfig>(app, app.config.get('session'))
  const factory = await stores.database({ tableName: 'sessions' }).resolver(app)
  return factory({} as HttpContext, config!) as SessionStoreWithTaggingContract
}

const expiryOf = async (id: string) =>
  (await db.from('sessions').where('id', id).first())?.expires_at?.getTime()

test.group('Auth / session storage', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a request without a session cookie stores no session and sets no session cookie', async ({
    assert,
  }) => {
    const sessions = await storedSessions()
    const before = sessions.size
    for (const path of [
      '/health/live',
      '/api/v1/auth/me',
      '/api/v1/auth/providers',
      '/api/v1/openapi.json',
    ]) {
      const response = await BrowserClient.forTestServer().request('GET', path)
      assert.notInclude(response.headers.get('set-cookie') ?? '', 'ia-session', path)
      assert.notInclude(response.headers.get('set-cookie') ?? '', 'XSRF-TOKEN', path)
    }
    const refused = await BrowserClient.forTestServer().request('POST', '/api/v1/auth/sign-in', {
      json: { email: 'a@b.cd', password: 'x' },
    })
    assert.equal(refused.status, 403)
    assert.equal(sessions.size, before)
  })

  test('the CSRF route opens the session the shell then signs in with', async ({ assert }) => {
    const sessions = await storedSessions()
    const before = sessions.size
    const user = await createUser()
    const browser = BrowserClient.forTestServer()
    assert.equal((await browser.get('/api/v1/auth/csrf')).status, 204)
    assert.isString(browser.cookie('ia-session'))
    assert.isString(browser.cookie('XSRF-TOKEN'))
    assert.equal(sessions.size, before + 1)
    assert.equal((await browser.signIn(user.email, TEST_PASSWORD)).status, 200)
    assert.equal((await browser.get('/api/v1/auth/me')).status, 200)
  })

  test('a session only read is not written again until a twelfth of its age has passed', async ({
    assert,
  }) => {
    const ageMs = 1200
    await new SlidingSessionStore(await databaseStore(), ageMs).write('sliding-1', { user: 'u1' })
    const written = await expiryOf('sliding-1')
    assert.isNumber(written)

    const sameRequestLater = new SlidingSessionStore(await databaseStore(), ageMs)
    assert.deepEqual(await sameRequestLater.read('sliding-1'), { user: 'u1' })
    await sameRequestLater.touch('sliding-1')
    assert.equal(
      await expiryOf('sliding-1'),
      written,
      'a read-only request within the window writes nothing'
    )

    await new Promise((resolve) => setTimeout(resolve, ageMs / 12 + 50))
    const afterTheWindow = new SlidingSessionStore(await databaseStore(), ageMs)
    assert.deepEqual(await afterTheWindow.read('sliding-1'), { user: 'u1' })
    await afterTheWindow.touch('sliding-1')
    assert.isAbove(
      (await expiryOf('sliding-1'))!,
      written!,
      'the expiry moves once the window has passed'
    )
    assert.deepEqual(
      await new SlidingSessionStore(await databaseStore(), ageMs).read('sliding-1'),
      { user: 'u1' }
    )

    const tagged = new SlidingSessionStore(await databaseStore(), ageMs)
    await tagged.tag('sliding-1', 'user-1')
    assert.deepEqual(await tagged.tagged('user-1'), [{ id: 'sliding-1', data: { user: 'u1' } }])
  })

  test('the worker sweeps expired sessions and keeps the others', async ({ assert }) => {
    const now = Date.now()
    await db.table('sessions').multiInsert([
      { id: 'expired-1', data: '{}', expires_at: new Date(now - 60_000) },
      { id: 'expired-2', data: '{}', user_id: 'someone', expires_at: new Date(now - 1000) },
      { id: 'alive-1', data: '{}', expires_at: new Date(now + 3_600_000) },
    ])
    const swept = await new SessionSweeper().sweepOnce()
    assert.isAtLeast(swept, 2)
    const left = await db
      .from('sessions')
      .whereIn('id', ['expired-1', 'expired-2', 'alive-1'])
      .select('id')
    assert.deepEqual(
      left.map((row) => row.id),
      ['alive-1']
    )
  })
})

import { test } from '@japa/runner'
import { IncomingMessage } from 'node:http'
import { Socket } from 'node:net'
import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { User } from '@ia/platform/testing'
import SecurityHeadersMiddleware, {
  PERMISSIONS_POLICY,
} from '#middleware/security_headers_middleware'

/** The HSTS header the middleware gives a request from `remoteAddress` saying X-Forwarded-Proto: https. */
async function hstsBehindProxy(remoteAddress: string) {
  const socket = new Socket()
  Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress })
  const req = new IncomingMessage(socket)
  req.headers = { 'x-forwarded-proto': 'https', 'host': 'ia.example.cd' }
  req.url = '/api/v1/auth/me'
  const ctx = await testUtils.createHttpContext({ req })
  await new SecurityHeadersMiddleware().handle(ctx, async () => {})
  return ctx.response.getHeader('strict-transport-security')
}

test.group('Security / HTTP headers of every answer', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('Referrer-Policy and Permissions-Policy on API answers, errors, Bearer calls and the shell', async ({
    client,
    assert,
  }) => {
    const user = await User.create({
      fullName: 'Entête Test',
      email: `entete-${Date.now()}@example.cd`,
      password: 'motdepasse-solide',
      locale: 'fr',
    })
    const token = (await User.accessTokens.create(user)).value!.release()
    const answers = [
      await client.get('/api/v1/auth/providers'),
      await client.get('/api/v1/nothing-here'),
      await client.get('/api/v1/auth/me'),
      await client.get('/api/v1/auth/me').bearerToken(token),
      await client.get('/health/live'),
      await client.get('/contacts'),
    ]
    for (const response of answers) {
      const where = `${response.request.request.method} ${response.request.request.url} (${response.status()})`
      assert.equal(response.header('referrer-policy'), 'strict-origin-when-cross-origin', where)
      assert.equal(response.header('permissions-policy'), PERMISSIONS_POLICY, where)
      assert.notExists(
        response.header('strict-transport-security'),
        `${where}: plain HTTP gets no HSTS`
      )
    }
    assert.include(PERMISSIONS_POLICY, 'camera=()')
    assert.include(PERMISSIONS_POLICY, 'microphone=()')
    assert.include(PERMISSIONS_POLICY, 'geolocation=()')
  })

  test('HSTS on every answer served over HTTPS through a trusted proxy, never on the word of anyone else', async ({
    client,
    assert,
  }) => {
    for (const path of ['/api/v1/auth/providers', '/api/v1/auth/me', '/contacts']) {
      const response = await client.get(path).header('x-forwarded-proto', 'https')
      assert.equal(response.header('strict-transport-security'), 'max-age=15552000', path)
    }
    assert.equal(
      await hstsBehindProxy('127.0.0.1'),
      'max-age=15552000',
      'loopback is trusted by default'
    )
    assert.isUndefined(
      await hstsBehindProxy('203.0.113.7'),
      'a client cannot claim HTTPS for itself'
    )
  })

  test('every authenticated API answer is no-store, its errors too', async ({ client, assert }) => {
    const user = await User.create({
      fullName: 'Cache Test',
      email: `cache-${Date.now()}@example.cd`,
      password: 'motdepasse-solide',
      locale: 'fr',
    })
    const token = (await User.accessTokens.create(user)).value!.release()
    const answers = [
      await client.get('/api/v1/auth/me').loginAs(user),
      await client.get('/api/v1/auth/tokens').bearerToken(token),
      await client.get('/api/v1/orgs').loginAs(user),
      await client.get('/api/v1/orgs/00000000-0000-4000-8000-000000000000').loginAs(user),
      await client.patch('/api/v1/auth/me').loginAs(user).json({ fullName: 'x' }).withCsrfToken(),
    ]
    assert.deepEqual(
      answers.map((response) => response.status()),
      [200, 200, 200, 404, 422]
    )
    for (const response of answers)
      assert.equal(response.header('cache-control'), 'no-store', response.request.request.url)
  })

  test('source maps are never served, even when one lies in the built shell', async ({
    client,
    assert,
  }) => {
    const dist = app.makePath('../shell/app/dist')
    const assets = join(dist, 'assets')
    const exists = (path: string) =>
      stat(path).then(
        () => true,
        () => false
      )
    // Only what this test creates is removed afterwards: a real build left there stays as it was.
    const created = !(await exists(dist)) ? dist : !(await exists(assets)) ? assets : null
    const name = `probe-${process.pid}-${Date.now()}`
    await mkdir(assets, { recursive: true })
    try {
      await writeFile(join(assets, `${name}.js`), 'export {}\n')
      await writeFile(join(assets, `${name}.js.map`), '{"version":3,"sources":["secret.ts"]}')
      ;(await client.get(`/assets/${name}.js`)).assertStatus(200)
      for (const path of [
        `/assets/${name}.js.map`,
        `/assets/${name}.js%2Emap`,
        `/assets/${name}.js.MAP`,
      ]) {
        const response = await client.get(path)
        assert.equal(response.status(), 404, path)
        assert.notInclude(response.text(), 'secret.ts', path)
      }
    } finally {
      await rm(join(assets, `${name}.js`), { force: true })
      await rm(join(assets, `${name}.js.map`), { force: true })
      if (created) await rm(created, { recursive: true, force: true })
    }
  })
})

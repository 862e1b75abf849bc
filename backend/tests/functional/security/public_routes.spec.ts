import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { inspectRoutes } from '@ia/platform/testing'
import { publicRoutes } from '#start/public_routes'

/** A URL for a route pattern, every parameter filled with a well-formed id nobody owns. */
function anyUrl(pattern: string) {
  return pattern.replace(/:[A-Za-z0-9_]+/g, () => randomUUID()).replace(/\*$/, 'x')
}

test.group('Security / public routes', () => {
  test('every route is behind the auth middleware or on the public-route list', ({ assert }) => {
    const open = inspectRoutes()
      .filter((route) => !route.authenticated && !(route.key in publicRoutes))
      .map((route) => route.key)
    assert.deepEqual(
      open,
      [],
      'Put these routes behind the auth middleware, or add them to backend/start/public_routes.ts'
    )
  })

  test('every listed route exists and is really public', ({ assert }) => {
    const routes = new Map(inspectRoutes().map((route) => [route.key, route]))
    const missing = Object.keys(publicRoutes).filter((key) => !routes.has(key))
    const authenticated = Object.keys(publicRoutes).filter((key) => routes.get(key)?.authenticated)
    assert.deepEqual(
      missing,
      [],
      'Remove these entries from backend/start/public_routes.ts: no such route'
    )
    assert.deepEqual(
      authenticated,
      [],
      'Remove these entries from backend/start/public_routes.ts: they need signing in'
    )
  })

  test('every route behind the auth middleware answers 401 to an anonymous caller', async ({
    client,
    assert,
  }) => {
    const protectedRoutes = inspectRoutes().filter((route) => route.authenticated)
    assert.isAbove(protectedRoutes.length, 20)
    const answers: string[] = []
    for (const route of protectedRoutes) {
      const request = client.request(anyUrl(route.pattern), route.method as 'GET').withCsrfToken()
      const response = await request
      if (response.status() !== 401) answers.push(`${route.key} -> ${response.status()}`)
    }
    assert.deepEqual(answers, [])
  })
})

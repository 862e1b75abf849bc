import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'

/*
 * The smoke run `npm test` also makes on the embedded PGlite: migrations (run by the suite setup),
 * the extensions search relies on, and a sign-up that creates an organisation.
 */
test.group('Smoke', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the database has the extensions the modules rely on', async ({ assert }) => {
    const { rows } = await db.rawQuery(
      "SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm')"
    )
    assert.sameMembers(
      rows.map((row: { extname: string }) => row.extname),
      ['unaccent', 'pg_trgm']
    )
    const folded = await db.rawQuery("SELECT unaccent('Société Minière') AS folded")
    assert.equal(folded.rows[0].folded, 'Societe Miniere')
  }).tags(['@smoke'])

  test('a visitor signs up and creates an organisation', async ({ client, assert }) => {
    const signUp = await client
      .post('/api/v1/auth/sign-up')
      .json({
        fullName: 'Fiston Mukendi',
        email: 'fiston@example.cd',
        password: 'motdepasse-solide',
      })
      .withCsrfToken()
    signUp.assertStatus(201)
    const userId = signUp.body().user.id
    const { User } = await import('@ia/platform/contracts')
    const user = await User.findOrFail(userId)
    const created = await client
      .post('/api/v1/orgs')
      .json({ name: 'Brasserie du Kivu' })
      .withCsrfToken()
      .loginAs(user)
    created.assertStatus(201)
    const organizations = await client.get('/api/v1/orgs').loginAs(user)
    assert.equal(organizations.body().data[0].name, 'Brasserie du Kivu')
    assert.equal(organizations.body().data[0].role, 'owner')
  }).tags(['@smoke'])
})

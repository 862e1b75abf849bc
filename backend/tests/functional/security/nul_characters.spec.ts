import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOwnerWithOrganization } from '@ia/platform/testing'

test.group('Security / NUL characters', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a NUL character in a body field answers 422 naming the field, and nothing is written', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization('Avant')
    const response = await client
      .patch(`/api/v1/orgs/${organization.id}`)
      .loginAs(owner)
      .withCsrfToken()
      .header('accept-language', 'fr')
      .json({ name: 'Apr\u0000ès' })
    response.assertStatus(422)
    assert.deepEqual(response.body().errors, [
      {
        code: 'E_NUL_CHARACTER',
        field: 'name',
        message: "Le texte envoyé contient un caractère nul, qui n'est pas accepté.",
      },
    ])
    const row = await db.from('platform.organizations').where('id', organization.id).first()
    assert.equal(row.name, 'Avant')
  })

  test('a NUL character in the query string or a nested key answers 422 in English too', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const search = await client
      .get(`/api/v1/orgs/${organization.id}/search`)
      .qs({ q: 'soc\u0000iete' })
      .loginAs(owner)
      .header('accept-language', 'en')
    search.assertStatus(422)
    assert.equal(
      search.body().errors[0].message,
      'The text sent contains a null character, which is not accepted.'
    )
    assert.equal(search.body().errors[0].field, 'q')

    const nested = await client
      .patch(`/api/v1/orgs/${organization.id}`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ address: { ['li\u0000ne']: 'x' } })
    nested.assertStatus(422)
  })
})

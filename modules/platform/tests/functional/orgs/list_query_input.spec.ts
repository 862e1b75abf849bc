import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createOwnerWithOrganization, createUser } from '../../helpers.ts'

test.group('Lists / query-string input', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a page number past any real list is a 422 on page, not a database error', async ({
    client,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    for (const url of [
      `/api/v1/orgs/${organization.id}/audit-log`,
      `/api/v1/orgs/${organization.id}/jobs`,
      '/api/v1/auth/notifications',
    ]) {
      for (const page of ['1e20', '2000000']) {
        const response = await client.get(url).qs({ page }).loginAs(owner)
        response.assertStatus(422)
        response.assertBodyContains({ errors: [{ code: 'E_VALIDATION', field: 'page' }] })
      }
    }
  })

  test('query-string errors speak the user’s language', async ({ client, assert }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const english = await createUser({ locale: 'en' })
    const french = await client
      .get(`/api/v1/orgs/${organization.id}/audit-log`)
      .qs({ page: 0 })
      .loginAs(owner)
    french.assertStatus(422)
    assert.equal(french.body().errors[0].message, 'La valeur doit être entre 1 et 1000000.')
    const jobs = await client
      .get(`/api/v1/orgs/${organization.id}/jobs`)
      .qs({ status: 'inconnu' })
      .loginAs(owner)
    jobs.assertStatus(422)
    assert.equal(jobs.body().errors[0].message, 'Choisissez une valeur de la liste.')
    const notifications = await client
      .get('/api/v1/auth/notifications')
      .qs({ perPage: 500 })
      .loginAs(english)
    notifications.assertStatus(422)
    assert.notInclude(notifications.body().errors[0].message, 'La valeur')
    const stream = await client.get('/__transmit/events').qs({ uid: 'pas-un-uuid' }).loginAs(owner)
    stream.assertStatus(422)
    assert.equal(stream.body().errors[0].message, 'Identifiant invalide.')
  })
})

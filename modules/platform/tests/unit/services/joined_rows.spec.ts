import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Organization from '../../../app/models/organization.ts'
import { copyOfRow } from '../../../app/services/joined_rows.ts'
import { createOwnerWithOrganization } from '../../helpers.ts'

test.group('copyOfRow', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a copy is persisted, clean, and saves only what changed on it; the template stays as it was', async ({
    assert,
  }) => {
    const { organization } = await createOwnerWithOrganization('Modèle SARL')
    const template = await Organization.findOrFail(organization.id)
    const copy = copyOfRow(template)
    assert.instanceOf(copy, Organization)
    assert.isTrue(copy.$isPersisted)
    assert.deepEqual(copy.$dirty, {})
    assert.equal(copy.createdAt.toMillis(), template.createdAt.toMillis())

    copy.name = 'Copie SARL'
    assert.deepEqual(Object.keys(copy.$dirty), ['name'])
    await copy.save()
    assert.equal(template.name, 'Modèle SARL')
    assert.deepEqual(template.$dirty, {})
    assert.equal((await Organization.findOrFail(organization.id)).name, 'Copie SARL')
  })
})

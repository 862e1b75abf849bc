import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { User } from '@ia/platform/testing'
import DemoSeeder, { DEMO_ACCOUNT } from '../../../database/seeders/demo_seeder.ts'

test.group('Seeders / demo organisation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("enables each module that has demo records and seeds them through the module's provider", async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const user = await User.findByOrFail('email', DEMO_ACCOUNT.email)
    const { organization_id: organizationId } = await db
      .from('platform.memberships')
      .where('user_id', user.id)
      .firstOrFail()
    const registry = await app.container.make('platform.modules')
    assert.isTrue((await registry.enabledIds(organizationId)).has('contacts'))
    const [{ count }] = await db
      .from('contacts.contacts')
      .where('organization_id', organizationId)
      .count('* as count')
    assert.isAbove(Number(count), 5)

    await new DemoSeeder(db.connection()).run()
    const [{ count: again }] = await db
      .from('contacts.contacts')
      .where('organization_id', organizationId)
      .count('* as count')
    assert.equal(Number(again), Number(count), 'a second run leaves the demo alone')
  })
})

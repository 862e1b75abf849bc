import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { Membership, Organization, User } from '@ia/platform/contracts'

/** The demo account `npm start` prints; created once, left alone afterwards. */
export const DEMO_ACCOUNT = { email: 'demo@ia-solution.cd', password: 'demo-ia-solution' }

/** A French-speaking demo organisation in Kinshasa (CDF, reporting in USD) with each module's demo records. */
export default class DemoSeeder extends BaseSeeder {
  async run() {
    if (await User.findByEmail(DEMO_ACCOUNT.email)) return
    const organization = await db.transaction(async (trx) => {
      const user = await User.create(
        {
          email: DEMO_ACCOUNT.email,
          password: DEMO_ACCOUNT.password,
          fullName: 'Grâce Mbuyi',
          locale: 'fr',
        },
        { client: trx }
      )
      const created = await Organization.create(
        {
          name: 'Démo Kinshasa SARL',
          legalName: 'Démo Kinshasa SARL',
          rccm: 'CD/KNG/RCCM/24-B-01234',
          idNat: '01-83-N12345K',
          nif: 'A1234567B',
          address: '12, avenue du Commerce, Gombe',
          city: 'Kinshasa',
          country: 'CD',
          defaultCurrency: 'CDF',
          reportingCurrency: 'USD',
          locale: 'fr',
        },
        { client: trx }
      )
      await Membership.create(
        { organizationId: created.id, userId: user.id, role: 'owner' },
        { client: trx }
      )
      return { organization: created, user }
    })
    // Each module with demo records is enabled and contributes them through its provider's seedDemo hook (then indexed for search).
    const registry = await app.container.make('platform.modules')
    await registry.seedDemo(organization.organization.id, { id: organization.user.id, ip: null })
  }
}

/*
 * For the tests that must commit (the balance is checked when a transaction commits): each makes its
 * own organisation and removes it afterwards, as no global transaction rolls them back.
 */
import db from '@adonisjs/lucid/services/db'
import { Organization, User } from '@ia/platform/testing'

const GUARDED_TABLES = ['finance.entries', 'finance.entry_lines']

/**
 * Deletes a test organisation with everything it owns, and its owner. Posted entries refuse deletion
 * by design; only here, in the deleting transaction, are their triggers switched off.
 */
export async function dropOrganization(organization: Organization, owner: User) {
  await db.transaction(async (trx) => {
    for (const table of GUARDED_TABLES)
      await trx.rawQuery(`ALTER TABLE ${table} DISABLE TRIGGER USER`)
    await Organization.query({ client: trx }).where('id', organization.id).delete()
    for (const table of GUARDED_TABLES)
      await trx.rawQuery(`ALTER TABLE ${table} ENABLE TRIGGER USER`)
  })
  await User.query().where('id', owner.id).delete()
}

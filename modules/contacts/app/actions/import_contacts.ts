import type { I18n } from '@adonisjs/i18n'
import db from '@adonisjs/lucid/services/db'
import { auditLog, jobs, tenantContext } from '@ia/platform/contracts'
import { analyseImport } from '../services/contact_import.ts'
import { type Actor, newContactAttributes, rethrowEmailConflict } from '../services/contact_rules.ts'
import { REINDEX_CONTACTS_JOB } from '../services/contact_search.ts'

/** Rows per INSERT statement: large enough to be quick, far below PostgreSQL's parameter limit. */
const INSERT_CHUNK = 500

/** Imports the valid rows of a CSV file into the current organisation, all or none of them. */
export class ImportContacts {
  async handle(bytes: Buffer, i18n: I18n, actor: Actor) {
    const organizationId = tenantContext.require()
    return db
      .transaction(async (trx) => {
        const analysis = await analyseImport(bytes, i18n, trx)
        const now = new Date()
        const rows = analysis.contacts.map((contact) => {
          const attributes = newContactAttributes(contact)
          return {
            organization_id: organizationId,
            kind: attributes.kind,
            name: attributes.name,
            is_customer: attributes.isCustomer,
            is_supplier: attributes.isSupplier,
            email: attributes.email,
            phone: attributes.phone,
            address: attributes.address,
            city: attributes.city,
            country: attributes.country,
            rccm: attributes.rccm,
            id_nat: attributes.idNat,
            nif: attributes.nif,
            preferred_currency: attributes.preferredCurrency,
            preferred_locale: attributes.preferredLocale,
            tags: attributes.tags,
            notes: attributes.notes,
            created_at: now,
            updated_at: now,
          }
        })
        for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
          await trx.insertQuery().table('contacts.contacts').multiInsert(rows.slice(start, start + INSERT_CHUNK))
        }
        await auditLog.record(
          { organizationId, actorId: actor.userId, action: 'contact.imported', subjectType: 'contact', metadata: { imported: analysis.valid, skipped: analysis.invalid }, ip: actor.ip },
          trx
        )
        // One re-index of the organisation rather than one event per imported contact.
        if (rows.length) {
          await jobs.dispatch(REINDEX_CONTACTS_JOB, {}, { client: trx, organizationId, label: { fr: 'Indexation des contacts importés', en: 'Indexing the imported contacts' } })
        }
        return {
          imported: analysis.valid,
          skipped: analysis.invalid,
          errors: analysis.rows.flatMap((row) => row.errors.map((error) => ({ line: row.line, ...error }))),
        }
      })
      .catch(rethrowEmailConflict)
  }
}

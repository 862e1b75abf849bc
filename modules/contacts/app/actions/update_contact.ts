import db from '@adonisjs/lucid/services/db'
import { auditLog, events, notFound, tenantContext } from '@ia/kernel/contracts'
import Contact from '../models/contact.ts'
import {
  type Actor,
  type ContactChanges,
  assertEmailFree,
  rethrowEmailConflict,
} from '../services/contact_rules.ts'

/** Changes some fields of a contact of the current organisation. */
export class UpdateContact {
  async handle(contactId: string, changes: ContactChanges, actor: Actor) {
    const organizationId = tenantContext.require()
    return db
      .transaction(async (trx) => {
        const contact = await Contact.query({ client: trx })
          .where('id', contactId)
          .forUpdate()
          .first()
        if (!contact) throw notFound()
        contact.merge(
          Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined))
        )
        const fields = Object.keys(contact.$dirty)
        if (!fields.length) return contact
        if (contact.$dirty.email && contact.email && !contact.archivedAt) {
          await assertEmailFree(trx, contact.email, contact.id)
        }
        await contact.save()
        await auditLog.record(
          {
            organizationId,
            actorId: actor.userId,
            action: 'contact.updated',
            subjectType: 'contact',
            subjectId: contact.id,
            metadata: { name: contact.name, fields },
            ip: actor.ip,
          },
          trx
        )
        await events.publish(
          'contacts.contact.updated',
          { contactId: contact.id, fields },
          { client: trx, organizationId }
        )
        return contact
      })
      .catch(rethrowEmailConflict)
  }
}

import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { auditLog, events, notFound, tenantContext } from '@ia/kernel/contracts'
import Contact from '../models/contact.ts'
import type { Actor } from '../services/contact_rules.ts'
import { contactErrors, isEmailUniqueViolation } from '../errors.ts'

/** Archives a contact of the current organisation, or brings it back; doing it twice changes nothing. */
export class ArchiveContact {
  async handle(contactId: string, archived: boolean, actor: Actor) {
    const organizationId = tenantContext.require()
    return db
      .transaction(async (trx) => {
        const contact = await Contact.query({ client: trx })
          .where('id', contactId)
          .forUpdate()
          .first()
        if (!contact) throw notFound()
        if (Boolean(contact.archivedAt) === archived) return contact
        if (!archived && contact.email) {
          const taken = await Contact.query({ client: trx })
            .whereRaw('lower(email) = lower(?)', [contact.email])
            .whereNull('archived_at')
            .first()
          if (taken) throw contactErrors.emailTakenOnUnarchive()
        }
        contact.archivedAt = archived ? DateTime.now() : null
        await contact.save()
        await auditLog.record(
          {
            organizationId,
            actorId: actor.userId,
            action: archived ? 'contact.archived' : 'contact.unarchived',
            subjectType: 'contact',
            subjectId: contact.id,
            metadata: { name: contact.name },
            ip: actor.ip,
          },
          trx
        )
        // Bringing a contact back is a change of its archivedAt field, not an event of its own.
        await events.publish(
          archived ? 'contacts.contact.archived' : 'contacts.contact.updated',
          archived ? { contactId: contact.id } : { contactId: contact.id, fields: ['archivedAt'] },
          { client: trx, organizationId }
        )
        return contact
      })
      .catch((error) => {
        if (isEmailUniqueViolation(error)) throw contactErrors.emailTakenOnUnarchive()
        throw error
      })
  }
}

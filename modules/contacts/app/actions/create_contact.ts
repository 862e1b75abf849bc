import db from '@adonisjs/lucid/services/db'
import { auditLog, events, tenantContext } from '@ia/kernel/contracts'
import Contact from '../models/contact.ts'
import {
  type Actor,
  type NewContact,
  assertEmailFree,
  newContactAttributes,
  rethrowEmailConflict,
} from '../services/contact_rules.ts'

/** Adds a contact to the current organisation. */
export class CreateContact {
  async handle(input: NewContact, actor: Actor) {
    const organizationId = tenantContext.require()
    return db
      .transaction(async (trx) => {
        if (input.email) await assertEmailFree(trx, input.email)
        const contact = await Contact.create(newContactAttributes(input), { client: trx })
        await auditLog.record(
          {
            organizationId,
            actorId: actor.userId,
            action: 'contact.created',
            subjectType: 'contact',
            subjectId: contact.id,
            metadata: { name: contact.name },
            ip: actor.ip,
          },
          trx
        )
        await events.publish(
          'contacts.contact.created',
          {
            contactId: contact.id,
            kind: contact.kind,
            name: contact.name,
            isCustomer: contact.isCustomer,
            isSupplier: contact.isSupplier,
          },
          { client: trx, organizationId }
        )
        return contact
      })
      .catch(rethrowEmailConflict)
  }
}

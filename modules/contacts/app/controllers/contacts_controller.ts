import type { HttpContext } from '@adonisjs/core/http'
import { authorize, notFound } from '@ia/kernel/contracts'
import Contact from '../models/contact.ts'
import {
  createContactValidator,
  listContactsValidator,
  updateContactValidator,
} from '../validators/contact.ts'
import { serializeContact } from '../transformers/contact_transformer.ts'
import { contactsAfter, contactsPage } from '../queries/list_contacts.ts'
import { CreateContact } from '../actions/create_contact.ts'
import { UpdateContact } from '../actions/update_contact.ts'
import { ArchiveContact } from '../actions/archive_contact.ts'

const actorOf = (ctx: HttpContext) => ({ userId: ctx.auth.user!.id, ip: ctx.request.ip() })

/** The current organisation's country (loaded with the membership): phone numbers written without a country are read in it. */
const organizationCountry = (ctx: HttpContext) => ctx.organization.country

/** The organisation's contacts: list, read, create, change, archive. */
export default class ContactsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.read')
    const {
      page = 1,
      perPage = 25,
      paging,
      cursor,
      ...query
    } = await ctx.request.validateUsing(listContactsValidator, {
      data: ctx.request.qs(),
    })
    const filters = { ...query, phoneCountry: organizationCountry(ctx) }
    if (paging === 'cursor' || cursor !== undefined) {
      const { contacts, nextCursor, total } = await contactsAfter(filters, perPage, cursor)
      return { data: contacts.map(serializeContact), meta: { perPage, total, nextCursor } }
    }
    const { contacts, meta } = await contactsPage(filters, page, perPage)
    return { data: contacts.map(serializeContact), meta }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.read')
    const contact = await Contact.find(ctx.params.contactId)
    if (!contact) throw notFound()
    return { contact: serializeContact(contact) }
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.create')
    const payload = await ctx.request.validateUsing(createContactValidator, {
      meta: { organizationCountry: organizationCountry(ctx) },
    })
    const contact = await new CreateContact().handle(payload, actorOf(ctx))
    return ctx.response.created({ contact: serializeContact(contact) })
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.update')
    // A phone number sent alone is read in the contact's own country.
    const stored = await Contact.query().where('id', ctx.params.contactId).select('country').first()
    if (!stored) throw notFound()
    const changes = await ctx.request.validateUsing(updateContactValidator, {
      meta: { storedCountry: stored.country, organizationCountry: organizationCountry(ctx) },
    })
    const contact = await new UpdateContact().handle(ctx.params.contactId, changes, actorOf(ctx))
    return { contact: serializeContact(contact) }
  }

  async archive(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.archive')
    const contact = await new ArchiveContact().handle(ctx.params.contactId, true, actorOf(ctx))
    return { contact: serializeContact(contact) }
  }

  async unarchive(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.archive')
    const contact = await new ArchiveContact().handle(ctx.params.contactId, false, actorOf(ctx))
    return { contact: serializeContact(contact) }
  }
}

import { readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize, notFound } from '@ia/kernel/contracts'
import { exportContactsValidator, importContactsValidator } from '../validators/contact.ts'
import { analyseImport } from '../services/contact_import.ts'
import { contactsCsv } from '../services/contact_export.ts'
import { StartContactImport } from '../actions/start_contact_import.ts'
import ContactImport from '../models/contact_import.ts'
import { serializeContactImport } from '../transformers/contact_import_transformer.ts'
import { serializeContactImportPreview } from '../transformers/contact_import_preview_transformer.ts'

/** CSV in and out: import preview, import (queued as a job), where an import stands, export. */
export default class ContactTransfersController {
  async #upload(ctx: HttpContext) {
    const { file } = await ctx.request.validateUsing(importContactsValidator)
    return { bytes: await readFile(file.tmpPath!), fileName: file.clientName }
  }

  async preview(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.import')
    const { bytes } = await this.#upload(ctx)
    return serializeContactImportPreview(await analyseImport(bytes, ctx.i18n))
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.import')
    const upload = await this.#upload(ctx)
    const locale = ctx.i18n.locale === 'en' ? 'en' : 'fr'
    const contactImport = await new StartContactImport().handle(upload, locale, { userId: ctx.auth.user!.id, ip: ctx.request.ip() })
    return ctx.response.accepted({ import: serializeContactImport(contactImport) })
  }

  async showImport(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.import')
    const contactImport = await ContactImport.find(ctx.params.importId)
    if (!contactImport) throw notFound()
    return { import: serializeContactImport(contactImport) }
  }

  async export(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.export')
    const filters = await ctx.request.validateUsing(exportContactsValidator, { data: ctx.request.qs() })
    const fileName = `contacts-${DateTime.now().toFormat('yyyy-LL-dd')}.csv`
    ctx.response.header('content-type', 'text/csv; charset=utf-8')
    ctx.response.header('content-disposition', `attachment; filename="${fileName}"`)
    ctx.response.stream(Readable.from(contactsCsv(ctx.organization.id, filters, ctx.i18n)))
  }
}

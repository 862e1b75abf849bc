import { readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '@ia/platform/contracts'
import { exportContactsValidator, importContactsValidator } from '../validators/contact.ts'
import { analyseImport } from '../services/contact_import.ts'
import { contactsCsv } from '../services/contact_export.ts'
import { ImportContacts } from '../actions/import_contacts.ts'

/** CSV in and out: import preview, import, export. */
export default class ContactTransfersController {
  async #upload(ctx: HttpContext) {
    const { file } = await ctx.request.validateUsing(importContactsValidator)
    return readFile(file.tmpPath!)
  }

  async preview(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.import')
    const { rows, valid, invalid, ignoredColumns } = await analyseImport(await this.#upload(ctx), ctx.i18n)
    return { rows, valid, invalid, ignoredColumns }
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.import')
    const bytes = await this.#upload(ctx)
    return new ImportContacts().handle(bytes, ctx.i18n, { userId: ctx.auth.user!.id, ip: ctx.request.ip() })
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

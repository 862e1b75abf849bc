import { readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize, notFound } from '@ia/kernel/contracts'
import { exportContactsValidator, importContactsValidator } from '../validators/contact.ts'
import { analyseImport } from '../services/contact_import.ts'
import { contactsCsv, contactsTemplateCsv, rejectedRowsCsv } from '../services/contact_export.ts'
import type { ImportField, ImportMapping } from '../services/contact_columns.ts'
import { StartContactImport } from '../actions/start_contact_import.ts'
import ContactImport from '../models/contact_import.ts'
import { serializeContactImport } from '../transformers/contact_import_transformer.ts'
import { serializeContactImportPreview } from '../transformers/contact_import_preview_transformer.ts'

/** CSV in and out: import preview, import (queued as a job), where an import stands, export. */
export default class ContactTransfersController {
  async #upload(ctx: HttpContext) {
    const { file, mapping } = await ctx.request.validateUsing(importContactsValidator)
    return {
      bytes: await readFile(file.tmpPath!),
      fileName: file.clientName,
      mapping: mapping && chosenColumns(mapping),
    }
  }

  async preview(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.import')
    const { bytes, mapping } = await this.#upload(ctx)
    return serializeContactImportPreview(
      await analyseImport(bytes, ctx.i18n, { mapping, lenient: true })
    )
  }

  async template(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.import')
    sendCsv(ctx, i18nFileName(ctx, 'contacts.csv.templateFile'), contactsTemplateCsv(ctx.i18n))
  }

  async rejectedRows(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.import')
    const contactImport = await ContactImport.find(ctx.params.importId)
    if (!contactImport || contactImport.status !== 'completed') throw notFound()
    sendCsv(
      ctx,
      i18nFileName(ctx, 'contacts.csv.rejectedFile'),
      rejectedRowsCsv(contactImport, ctx.i18n)
    )
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'contacts.contact.import')
    const upload = await this.#upload(ctx)
    const locale = ctx.i18n.locale === 'en' ? 'en' : 'fr'
    const contactImport = await new StartContactImport().handle(upload, locale, {
      userId: ctx.auth.user!.id,
      ip: ctx.request.ip(),
    })
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
    const filters = await ctx.request.validateUsing(exportContactsValidator, {
      data: ctx.request.qs(),
    })
    csvHeaders(ctx, `contacts-${DateTime.now().toFormat('yyyy-LL-dd')}.csv`)
    ctx.response.stream(Readable.from(contactsCsv(ctx.organization.id, filters, ctx.i18n)))
  }
}

/** The columns a user chose, without the fields left empty. */
function chosenColumns(mapping: Partial<Record<ImportField, number | null>>): ImportMapping {
  return Object.fromEntries(
    Object.entries(mapping).filter(([, column]) => typeof column === 'number')
  )
}

/** A file name in the user's language (plain ASCII, as every browser reads it), with the day's date. */
function i18nFileName(ctx: HttpContext, key: string) {
  return `${ctx.i18n.t(key, { date: DateTime.now().toFormat('yyyy-LL-dd') })}.csv`
}

/** Makes the answer a CSV download named `fileName`. */
function csvHeaders(ctx: HttpContext, fileName: string) {
  ctx.response.header('content-type', 'text/csv; charset=utf-8')
  ctx.response.header('content-disposition', `attachment; filename="${fileName}"`)
}

/** Answers a small CSV file as a download. */
function sendCsv(ctx: HttpContext, fileName: string, csv: string) {
  csvHeaders(ctx, fileName)
  ctx.response.send(csv)
}

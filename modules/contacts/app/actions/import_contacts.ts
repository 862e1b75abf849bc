import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import i18nManager from '@adonisjs/i18n/services/main'
import logger from '@adonisjs/core/services/logger'
import {
  DomainError,
  auditLog,
  events,
  files,
  tenantContext,
  type JobContext,
} from '@ia/kernel/contracts'
import ContactImport from '../models/contact_import.ts'
import { type ImportAnalysis, analyseImport } from '../services/contact_import.ts'
import { newContactAttributes } from '../services/contact_rules.ts'
import { localizedText } from '../services/localized_text.ts'
import { contactErrors } from '../errors.ts'

/** The job that imports a confirmed CSV file. */
export const IMPORT_CONTACTS_JOB = 'contacts.import'

/** What the import job is told: which import to run (everything else is on the import's row). */
export type ImportContactsPayload = { importId: string }

/** Rows per INSERT statement: large enough to be quick, far below PostgreSQL's parameter limit. */
const INSERT_CHUNK = 500

/** The share of the job (in percent) each phase ends at; the platform shows 100 once the job commits. */
const PHASES = { checking: [0, 30], saving: [30, 55], announcing: [55, 99] } as const

/** Reports how far one phase of the job is, as a percentage of the whole and a sentence in fr and en. */
function reportPhase(context: JobContext, phase: keyof typeof PHASES, done: number, total: number) {
  const [from, to] = PHASES[phase]
  const percent = from + ((to - from) * done) / Math.max(total, 1)
  return context.progress(
    percent,
    localizedText(`contacts.import.progress.${phase}`, { done, total })
  )
}

/**
 * Runs a queued import in the job's transaction: the valid rows become contacts (all of them or,
 * if the job fails, none), each announced by `contacts.contact.created` (and `contacts.contact.archived`
 * for rows the file marks archived), and the import records its counts and per-row errors.
 * A later attempt or a redelivery finds the import done and does nothing.
 */
export class ImportContacts {
  async handle({ importId }: ImportContactsPayload, context: JobContext) {
    const trx = context.client
    const organizationId = tenantContext.require()
    const contactImport = await ContactImport.query({ client: trx })
      .where('id', importId)
      .forUpdate()
      .first()
    if (!contactImport || contactImport.status !== 'queued') return
    const i18n = i18nManager.locale(contactImport.locale)

    let analysis: ImportAnalysis
    try {
      const bytes = await files.get(organizationId, contactImport.filePath)
      if (!bytes) throw contactErrors.importFileMissing()
      analysis = await analyseImport(Buffer.from(bytes), i18n, {
        client: trx,
        mapping: contactImport.mapping ?? undefined,
        onProgress: (done, total) => reportPhase(context, 'checking', done, total),
      })
    } catch (error) {
      // A file refused as a whole would be refused again at every attempt: record why, do not retry.
      if (!(error instanceof DomainError)) throw error
      contactImport.merge({
        status: 'failed',
        errorCode: error.code,
        errorMessage: i18n.t(error.translationKey, error.data),
        finishedAt: DateTime.now(),
      })
      await contactImport.save()
      deleteFileAfterCommit(context, contactImport)
      return
    }

    const now = new Date()
    const rows = analysis.contacts.map(({ contact, archivedAt }) => {
      const attributes = newContactAttributes(contact)
      return {
        id: randomUUID(),
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
        archived_at: archivedAt?.toJSDate() ?? null,
        created_at: now,
        updated_at: now,
      }
    })
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      await trx
        .insertQuery()
        .table('contacts.contacts')
        .multiInsert(rows.slice(start, start + INSERT_CHUNK))
      await reportPhase(context, 'saving', Math.min(start + INSERT_CHUNK, rows.length), rows.length)
    }

    // The same events as contacts created one by one, so no consumer needs to know imports exist.
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK)
      const created = chunk.map((row) => ({
        contactId: row.id,
        kind: row.kind,
        name: row.name,
        isCustomer: row.is_customer,
        isSupplier: row.is_supplier,
      }))
      await events.publishMany('contacts.contact.created', created, { client: trx, organizationId })
      const archived = chunk.filter((row) => row.archived_at).map((row) => ({ contactId: row.id }))
      await events.publishMany('contacts.contact.archived', archived, {
        client: trx,
        organizationId,
      })
      await reportPhase(context, 'announcing', start + chunk.length, rows.length)
    }

    const errors = analysis.rows.flatMap((row) =>
      row.errors.map((error) => ({ line: row.line, ...error }))
    )
    contactImport.merge({
      status: 'completed',
      importedCount: analysis.valid,
      skippedCount: analysis.invalid,
      errors,
      rejectedRows: analysis.rejected,
      finishedAt: DateTime.now(),
    })
    await contactImport.save()
    await auditLog.record(
      {
        organizationId,
        actorId: contactImport.userId,
        action: 'contact.imported',
        subjectType: 'contact_import',
        subjectId: contactImport.id,
        metadata: { imported: analysis.valid, skipped: analysis.invalid },
      },
      trx
    )
    deleteFileAfterCommit(context, contactImport)
  }
}

/** The uploaded file is kept until its import is done, for the attempts that may follow a failure, and no longer. */
function deleteFileAfterCommit(context: JobContext, contactImport: ContactImport) {
  context.client.after('commit', () => {
    files.delete(contactImport.organizationId, contactImport.filePath).catch((error: unknown) => {
      logger.warn(
        { err: error, importId: contactImport.id },
        'could not delete the file of a finished contacts import'
      )
    })
  })
}

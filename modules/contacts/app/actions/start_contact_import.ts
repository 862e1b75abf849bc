import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { auditLog, files, jobs, tenantContext } from '@ia/kernel/contracts'
import ContactImport from '../models/contact_import.ts'
import { mappingOf, readImportTable } from '../services/contact_import.ts'
import type { ImportMapping } from '../services/contact_columns.ts'
import { localizedText } from '../services/localized_text.ts'
import type { Actor } from '../services/contact_rules.ts'
import { IMPORT_CONTACTS_JOB, type ImportContactsPayload } from './import_contacts.ts'

/** An uploaded CSV file: its bytes, the name the user's computer gave it, and its columns' fields when chosen by hand. */
export type ContactImportUpload = { bytes: Buffer; fileName: string; mapping?: ImportMapping }

/**
 * Confirms an import: checks the file's structure (422 at once for a file no job could import) and
 * keeps which column fills which field, so the job reads the file as the user confirmed it;
 * stores the file with the platform's file service, then records the import and queues its job in one
 * transaction, so there is never an import without its job nor a job without its import.
 */
export class StartContactImport {
  async handle(upload: ContactImportUpload, locale: 'fr' | 'en', actor: Actor) {
    const organizationId = tenantContext.require()
    const { columns, records } = await readImportTable(upload.bytes, upload.mapping)
    const id = randomUUID()
    const filePath = `contacts/imports/${id}.csv`
    const fileName = upload.fileName.slice(0, 255) || 'contacts.csv'
    await files.put(organizationId, filePath, upload.bytes, {
      contentType: 'text/csv',
      contentLength: upload.bytes.byteLength,
    })
    try {
      return await db.transaction(async (trx) => {
        const jobId = await jobs.dispatch<ImportContactsPayload>(
          IMPORT_CONTACTS_JOB,
          { importId: id },
          {
            client: trx,
            organizationId,
            userId: actor.userId,
            label: localizedText('contacts.import.jobLabel', { file: fileName }),
          }
        )
        const contactImport = await ContactImport.create(
          {
            id,
            userId: actor.userId,
            jobId,
            fileName,
            filePath,
            locale,
            status: 'queued',
            rowCount: records.length,
            errors: [],
            mapping: mappingOf(columns),
            rejectedRows: [],
          },
          { client: trx }
        )
        await auditLog.record(
          {
            organizationId,
            actorId: actor.userId,
            action: 'contact.import_started',
            subjectType: 'contact_import',
            subjectId: id,
            metadata: { fileName, rows: records.length },
            ip: actor.ip,
          },
          trx
        )
        return contactImport
      })
    } catch (error) {
      await files.delete(organizationId, filePath)
      throw error
    }
  }
}

import type ContactImport from '../models/contact_import.ts'

/** The public shape of an import: where it stands and, once done, its counts and per-row errors. */
export function serializeContactImport(contactImport: ContactImport) {
  return {
    id: contactImport.id,
    jobId: contactImport.jobId,
    status: contactImport.status,
    fileName: contactImport.fileName,
    rows: contactImport.rowCount,
    imported: contactImport.importedCount ?? null,
    skipped: contactImport.skippedCount ?? null,
    errors: contactImport.errors,
    error: contactImport.errorCode ? { code: contactImport.errorCode, message: contactImport.errorMessage ?? '' } : null,
    createdAt: contactImport.createdAt.toISO(),
    finishedAt: contactImport.finishedAt?.toISO() ?? null,
  }
}

/** The public shape of an import. */

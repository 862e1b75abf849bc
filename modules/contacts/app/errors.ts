import { DomainError } from '@ia/kernel/contracts'

/** The contacts module's expected failures, each with its code, HTTP status and message key. */
export const contactErrors = {
  /** Another active contact of the organisation has this email. */
  emailTaken: () =>
    new DomainError(
      'E_CONTACT_EMAIL_TAKEN',
      422,
      'contacts.errors.E_CONTACT_EMAIL_TAKEN',
      {},
      'email'
    ),
  /** Unarchiving would give two active contacts the same email. */
  emailTakenOnUnarchive: () =>
    new DomainError(
      'E_CONTACT_EMAIL_TAKEN',
      409,
      'contacts.errors.E_CONTACT_EMAIL_TAKEN_UNARCHIVE',
      {},
      'email'
    ),
  /** A list cursor that was not made by the server for the requested order. */
  invalidCursor: () =>
    new DomainError(
      'E_CONTACT_INVALID_CURSOR',
      422,
      'contacts.errors.E_CONTACT_INVALID_CURSOR',
      {},
      'cursor'
    ),
  /** A contact id given by another module is unknown or belongs to another organisation. */
  contactNotFound: (field: string) =>
    new DomainError('E_CONTACT_NOT_FOUND', 422, 'contacts.errors.E_CONTACT_NOT_FOUND', {}, field),
  /** The uploaded file is not text. */
  importNotText: () =>
    new DomainError('E_IMPORT_NOT_TEXT', 422, 'contacts.errors.E_IMPORT_NOT_TEXT', {}, 'file'),
  /** The uploaded file has no header or no data row. */
  importEmpty: () =>
    new DomainError('E_IMPORT_EMPTY', 422, 'contacts.errors.E_IMPORT_EMPTY', {}, 'file'),
  /** The uploaded file has more data rows than one import accepts. */
  importTooManyRows: (max: number) =>
    new DomainError(
      'E_IMPORT_TOO_MANY_ROWS',
      422,
      'contacts.errors.E_IMPORT_TOO_MANY_ROWS',
      { max },
      'file'
    ),
  /** No column of the header is the contact's name. */
  importMissingName: (field: 'file' | 'mapping.name') =>
    new DomainError(
      'E_IMPORT_MISSING_NAME',
      422,
      'contacts.errors.E_IMPORT_MISSING_NAME',
      {},
      field
    ),
  /** A mapping names a column the file does not have. */
  importMappingNoColumn: (field: string, columns: number) =>
    new DomainError(
      'E_IMPORT_MAPPING_NO_COLUMN',
      422,
      'contacts.errors.E_IMPORT_MAPPING_NO_COLUMN',
      { columns },
      `mapping.${field}`
    ),
  /** A mapping gives one column to two fields. */
  importMappingColumnTwice: (field: string, column: string) =>
    new DomainError(
      'E_IMPORT_MAPPING_COLUMN_TWICE',
      422,
      'contacts.errors.E_IMPORT_MAPPING_COLUMN_TWICE',
      { column },
      `mapping.${field}`
    ),
  /** A quoted field is never closed. */
  importMalformed: (line: number) =>
    new DomainError(
      'E_IMPORT_MALFORMED',
      422,
      'contacts.errors.E_IMPORT_MALFORMED',
      { line },
      'file'
    ),
  /** Two header cells name the same field (e.g. "email" and "courriel"). */
  importDuplicateColumn: (first: string, second: string) =>
    new DomainError(
      'E_IMPORT_DUPLICATE_COLUMN',
      422,
      'contacts.errors.E_IMPORT_DUPLICATE_COLUMN',
      { first, second },
      'file'
    ),
  /** The stored file of a queued import is gone (deleted from the storage by hand). */
  importFileMissing: () =>
    new DomainError(
      'E_IMPORT_FILE_MISSING',
      422,
      'contacts.errors.E_IMPORT_FILE_MISSING',
      {},
      'file'
    ),
}

/** Whether a database error is the violation of the one-active-email-per-organisation index. */
export function isEmailUniqueViolation(error: unknown) {
  const { code, constraint } = error as { code?: string; constraint?: string }
  return code === '23505' && constraint === 'contacts_email_unique'
}

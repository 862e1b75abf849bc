import app from '@adonisjs/core/services/app'
import encryption from '@adonisjs/core/services/encryption'
import { isUuid } from '@ia/kernel/contracts'
import { invoicingErrors } from '../errors.ts'

/** What a link's token is for: a token made for anything else never opens a document. */
const PURPOSE = 'invoicing.public_link'
/** How long a customer's link opens the document. */
const LIFETIME = '90 days'

type LinkedDocument = { organizationId: string; documentId: string }

/**
 * The customer's link to a document: a token signed and encrypted with the application key, naming the
 * organisation and the document, that expires. Nothing is stored; a token cannot be forged or changed.
 */
export const publicLinks = {
  token(document: LinkedDocument) {
    return encryption.encrypt(
      { o: document.organizationId, d: document.documentId },
      LIFETIME,
      PURPOSE
    )
  },

  /** The address the customer opens: the shell's public page of the document, in their language. */
  url(token: string, locale: string) {
    return new URL(
      `/public/invoicing/${encodeURIComponent(token)}?lang=${locale}`,
      app.config.get<string>('platform.appUrl')
    ).toString()
  },

  /** The document a token names; an unknown, altered or expired token is a 404 that says the link no longer works. */
  read(token: string): LinkedDocument {
    const value = encryption.decrypt<{ o?: unknown; d?: unknown }>(token, PURPOSE)
    if (
      !value ||
      typeof value.o !== 'string' ||
      typeof value.d !== 'string' ||
      !isUuid(value.o) ||
      !isUuid(value.d)
    ) {
      throw invoicingErrors.publicLinkInvalid()
    }
    return { organizationId: value.o, documentId: value.d }
  },
}

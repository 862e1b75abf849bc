import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** The document a hook is asked about. */
export type HookedDocument = {
  organizationId: string
  documentId: string
  kind: 'invoice' | 'quote' | 'credit_note'
  /** When it was issued (null for a draft). */
  issuedAt: Date | null
}

/**
 * Asked before an issued document is emailed to its customer: throws a DomainError (a 4xx the user
 * reads) when the document may not leave yet, e.g. an invoice still awaiting its normalisation.
 */
export type SendGate = (document: HookedDocument, client: QueryClientContract) => Promise<void>

/** What another module prints on a document: the DGI's security elements of a normalised invoice. */
export type PrintMarks = {
  /** The block's title. */
  title: string
  /** The QR code as a PNG, or null. */
  qrPng: Uint8Array | null
  /** Label and value pairs (CODE DEF/DGI, DEF NIM, DEF Compteurs, DEF Heure...). */
  lines: Array<{ label: string; value: string }>
  /** The total written in words, as a full sentence, or null. */
  amountInWords: string | null
  /** The total in the other currency with its rate, when the document prints none of its own. */
  equivalent: string | null
}

/** Gives the marks of a document in `locale`, or null when it has none. */
export type PrintMarksProvider = (
  document: HookedDocument,
  locale: 'fr' | 'en',
  client?: QueryClientContract
) => Promise<PrintMarks | null>

const sendGates: SendGate[] = []
const markProviders: PrintMarksProvider[] = []

/**
 * Where other modules plug into invoicing without invoicing knowing them: gates asked before a
 * document is emailed, and marks printed on its PDF. Registered from a provider's `start()`.
 */
export const documentHooks = {
  /** Adds a gate every emailing of a document passes. */
  registerSendGate(gate: SendGate) {
    sendGates.push(gate)
  },

  /** Adds a provider of marks printed on documents. */
  registerPrintMarks(provider: PrintMarksProvider) {
    markProviders.push(provider)
  },

  /** Asks every gate; the first that refuses throws. */
  async assertSendable(document: HookedDocument, client: QueryClientContract) {
    for (const gate of sendGates) await gate(document, client)
  },

  /** The first marks a provider gives for the document, or null. */
  async printMarks(
    document: HookedDocument,
    locale: 'fr' | 'en',
    client?: QueryClientContract
  ): Promise<PrintMarks | null> {
    for (const provider of markProviders) {
      const marks = await provider(document, locale, client)
      if (marks) return marks
    }
    return null
  },
}

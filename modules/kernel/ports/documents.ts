/** What a printable document is made of: its template, its data, and the files the template may read. */
export type DocumentRequest = {
  /** Absolute path of the Typst template (`.typ`); a module keeps its own under `resources/documents/`. */
  template: string
  /** What the template reads with `json(bytes(sys.inputs.data))`. */
  data: unknown
  /** Files the template reads by path from its folder, such as `/images/logo.png` (an organisation's logo). */
  files?: Record<string, Uint8Array>
  /** The document's own date (an invoice's issue date), written as the PDF's creation date; none by default. */
  createdAt?: Date
}

/**
 * Turns templates into PDF files. The same request always gives the same bytes: a document sent twice
 * is the same document, and a test can compare them.
 */
export interface DocumentRenderer {
  pdf(request: DocumentRequest): Promise<Uint8Array>
}

import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { notFound, organizations } from '@ia/kernel/contracts'
import Document from '../models/document.ts'
import DocumentLine from '../models/document_line.ts'
import type { TimelineRow } from '../transformers/document_transformer.ts'

/** A document of the current organisation with its lines and timeline, who did what by name (four queries), or a 404. */
export async function documentView(documentId: string, client?: QueryClientContract) {
  const document = await Document.query({ client }).where('id', documentId).first()
  if (!document) throw notFound()
  const [lines, timeline] = await Promise.all([
    DocumentLine.query({ client }).where('document_id', document.id).orderBy('position'),
    (client ?? Document.query().client)
      .from('invoicing.document_events')
      .where('document_id', document.id)
      .where('organization_id', document.organizationId)
      .orderBy('id')
      .select('action', 'actor_id', 'data', 'created_at') as Promise<TimelineRow[]>,
  ])
  const actorIds = timeline.flatMap((entry) => (entry.actor_id ? [entry.actor_id] : []))
  const actorNames = await organizations.memberNames(document.organizationId, actorIds, client)
  return { document, lines, timeline, actorNames }
}

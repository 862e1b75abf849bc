import { defineSerializer, Type, wire, type SearchResult } from '@ia/kernel/contracts'

/** One record found by the global search (the `SearchResult` schema). */
export const serializeSearchResult = defineSerializer(
  'SearchResult',
  Type.Object(
    {
      type: Type.String({
        description: 'The record type, `<module>.<record>`, e.g. `contacts.contact`.',
      }),
      moduleId: Type.String({ description: 'The module that owns the record.' }),
      id: Type.String({ description: 'The record id within its module.' }),
      title: Type.String(),
      subtitle: wire.text(),
      url: Type.String({
        description: 'The shell route that opens the record, e.g. `/contacts/<id>`.',
      }),
    },
    { description: 'One record found by the global search.' }
  ),
  (result: SearchResult) => ({
    type: result.type,
    moduleId: result.moduleId,
    id: result.id,
    title: result.title,
    subtitle: result.subtitle,
    url: result.url,
  })
)

import type { JsonSchema } from './registry.ts'

/** The words of the page, in the reader's language. */
export type ReferenceLabels = {
  documentLink: string
  parameters: string
  requestBody: string
  responses: string
  schemas: string
  example: string
  public: string
  authenticated: string
  permission: string
  module: string
  required: string
  field: string
  type: string
  details: string
}

type Operation = {
  operationId: string
  summary: string
  description?: string
  tags: string[]
  parameters: { name: string; in: string; required: boolean; description?: string; schema: JsonSchema }[]
  requestBody?: { content: Record<string, { schema: JsonSchema; example?: unknown }> }
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>
  security: unknown[]
  'x-permission'?: string
  'x-module'?: string
}

type Document = {
  info: { title: string; version: string; description: string }
  tags: { name: string }[]
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, JsonSchema> }
}

const MAX_DEPTH = 4
const MAX_ENUM_VALUES = 12

function escape(value: unknown) {
  return String(value).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** Escapes a description and turns its `backticks` into code. */
function prose(value: string | undefined) {
  return value ? escape(value).replace(/`([^`]+)`/g, '<code>$1</code>') : ''
}

function typeOf(schema: JsonSchema): string {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').at(-1)!
    return `<a href="#schema-${escape(name)}">${escape(name)}</a>`
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[keyword])) return (schema[keyword] as JsonSchema[]).map(typeOf).join(' | ')
  }
  if (Array.isArray(schema.enum)) return 'enum'
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ['any']
  return types
    .map((type) => (type === 'array' && schema.items ? `array of ${typeOf(schema.items as JsonSchema)}` : escape(type)))
    .join(' | ')
}

function constraints(schema: JsonSchema) {
  const parts: string[] = []
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.map((value) => `<code>${escape(JSON.stringify(value))}</code>`)
    parts.push(values.length > MAX_ENUM_VALUES ? `${values.slice(0, MAX_ENUM_VALUES).join(', ')}, … (${values.length})` : values.join(', '))
  }
  for (const keyword of ['format', 'contentMediaType', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems']) {
    if (schema[keyword] !== undefined) parts.push(`${keyword}: <code>${escape(schema[keyword])}</code>`)
  }
  if (typeof schema.description === 'string') parts.push(prose(schema.description))
  return parts.join(' · ')
}

/** The object an object-or-array-of-objects schema describes, to list its fields. */
function fieldsOf(schema: JsonSchema): JsonSchema | null {
  if (schema.properties) return schema
  const items = schema.items as JsonSchema | undefined
  return items?.properties ? items : null
}

function schemaBlock(schema: JsonSchema, labels: ReferenceLabels, depth = 0): string {
  const object = fieldsOf(schema)
  if (!object || depth >= MAX_DEPTH) {
    const details = constraints(schema)
    return `<p class="type">${typeOf(schema)}${details ? ` — ${details}` : ''}</p>`
  }
  const required = new Set((object.required as string[] | undefined) ?? [])
  const rows = Object.entries(object.properties as Record<string, JsonSchema>)
    .map(([name, property]) => {
      const nested = fieldsOf(property) ? schemaBlock(property, labels, depth + 1) : ''
      const flag = required.has(name) ? ` <span class="required">${escape(labels.required)}</span>` : ''
      return `<tr><td><code>${escape(name)}</code>${flag}</td><td>${typeOf(property)}</td><td>${constraints(property)}${nested}</td></tr>`
    })
    .join('')
  const intro = object === schema ? '' : `<p class="type">${typeOf(schema)}</p>`
  return `${intro}<table><thead><tr><th>${escape(labels.field)}</th><th>${escape(labels.type)}</th><th>${escape(labels.details)}</th></tr></thead><tbody>${rows}</tbody></table>`
}

function contentBlock(content: Record<string, { schema: JsonSchema; example?: unknown }>, labels: ReferenceLabels) {
  return Object.entries(content)
    .map(([mediaType, entry]) => {
      const example =
        entry.example === undefined
          ? ''
          : `<details><summary>${escape(labels.example)}</summary><pre>${escape(JSON.stringify(entry.example, null, 2))}</pre></details>`
      return `<p class="media">${escape(mediaType)}</p>${schemaBlock(entry.schema, labels)}${example}`
    })
    .join('')
}

function operationBlock(method: string, path: string, operation: Operation, labels: ReferenceLabels) {
  const access = operation.security.length ? labels.authenticated : labels.public
  const meta = [`<span class="access">${escape(access)}</span>`]
  if (operation['x-permission']) meta.push(`${escape(labels.permission)}: <code>${escape(operation['x-permission'])}</code>`)
  if (operation['x-module']) meta.push(`${escape(labels.module)}: <code>${escape(operation['x-module'])}</code>`)
  const parameters = operation.parameters.length
    ? `<h4>${escape(labels.parameters)}</h4><table><tbody>${operation.parameters
        .map(
          (parameter) =>
            `<tr><td><code>${escape(parameter.name)}</code>${parameter.required ? ` <span class="required">${escape(labels.required)}</span>` : ''}</td><td>${escape(parameter.in)}</td><td>${typeOf(parameter.schema)}</td><td>${[prose(parameter.description), constraints(parameter.schema)].filter(Boolean).join(' · ')}</td></tr>`
        )
        .join('')}</tbody></table>`
    : ''
  const body = operation.requestBody ? `<h4>${escape(labels.requestBody)}</h4>${contentBlock(operation.requestBody.content, labels)}` : ''
  const responses = Object.entries(operation.responses)
    .map(
      ([status, response]) =>
        `<div class="response"><p><span class="status status-${escape(status[0])}">${escape(status)}</span> ${prose(response.description)}</p>${response.content ? contentBlock(response.content, labels) : ''}</div>`
    )
    .join('')
  return `<section class="operation" id="${escape(operation.operationId)}">
<h3><span class="method method-${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h3>
<p class="summary">${prose(operation.summary)}</p>${operation.description ? `<p>${prose(operation.description)}</p>` : ''}
<p class="meta">${meta.join(' · ')}</p>${parameters}${body}<h4>${escape(labels.responses)}</h4>${responses}</section>`
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;display:flex}
nav{position:sticky;top:0;height:100vh;overflow:auto;width:290px;flex:none;padding:16px;background:#f5f7fa;border-right:1px solid #e4e7eb;font-size:13px}
nav h2{font-size:12px;text-transform:uppercase;color:#616e7c;margin:16px 0 4px}nav a{display:block;color:#1f2933;text-decoration:none;padding:2px 0;overflow-wrap:anywhere}
nav a:hover{color:#2563eb}main{flex:1;min-width:0;padding:24px 40px;max-width:1100px}h1{margin-top:0}
h2.tag{border-bottom:2px solid #e4e7eb;padding-bottom:4px;margin-top:40px}.operation{border:1px solid #e4e7eb;border-radius:8px;padding:12px 20px;margin:16px 0}
.operation h3{margin:4px 0;font-size:16px}.summary{font-weight:600;margin:4px 0}.meta{color:#616e7c;font-size:13px}
.method{display:inline-block;min-width:64px;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:2px 6px}
.method-get{background:#2563eb}.method-post{background:#059669}.method-patch,.method-put{background:#d97706}.method-delete{background:#dc2626}
.status{display:inline-block;border-radius:4px;padding:0 6px;font-weight:600;font-size:13px}.status-2{background:#d1fae5}.status-4,.status-5{background:#fee2e2}.status-d{background:#e4e7eb}
table{border-collapse:collapse;width:100%;margin:6px 0;font-size:13px}td,th{border:1px solid #e4e7eb;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f5f7fa}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}pre{background:#f5f7fa;padding:8px;overflow:auto}
.required{color:#dc2626;font-size:11px}.media,.type{color:#616e7c;font-size:13px;margin:4px 0}.access{font-weight:600}
`

/** The API reference as one self-contained HTML page (no script, no external file). */
export function renderReferencePage(document: JsonSchema, labels: ReferenceLabels, lang: string, documentUrl: string) {
  const doc = document as unknown as Document
  const byTag = new Map<string, string[]>(doc.tags.map((tag) => [tag.name, []]))
  const links = new Map<string, string[]>(doc.tags.map((tag) => [tag.name, []]))
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const tag = operation.tags[0]
      byTag.get(tag)!.push(operationBlock(method, path, operation, labels))
      links.get(tag)!.push(`<a href="#${escape(operation.operationId)}">${escape(method.toUpperCase())} ${escape(path.replace(/^\/api\/v1/, ''))}</a>`)
    }
  }
  const schemaNames = Object.keys(doc.components.schemas).sort()
  const nav = [...links]
    .map(([tag, entries]) => `<h2>${escape(tag)}</h2>${entries.join('')}`)
    .concat(`<h2>${escape(labels.schemas)}</h2>${schemaNames.map((name) => `<a href="#schema-${escape(name)}">${escape(name)}</a>`).join('')}`)
    .join('')
  const sections = [...byTag].map(([tag, blocks]) => `<h2 class="tag">${escape(tag)}</h2>${blocks.join('')}`).join('')
  const schemas = schemaNames
    .map((name) => `<section class="operation" id="schema-${escape(name)}"><h3>${escape(name)}</h3>${schemaBlock(doc.components.schemas[name], labels)}</section>`)
    .join('')
  return `<!doctype html>
<html lang="${escape(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)}</title><style>${STYLE}</style></head>
<body><nav>${nav}</nav><main><h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>${prose(doc.info.description)}</p><p><a href="${escape(documentUrl)}">${escape(labels.documentLink)}</a></p>
${sections}<h2 class="tag">${escape(labels.schemas)}</h2>${schemas}</main></body></html>`
}

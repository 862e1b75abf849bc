import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { VineValidator } from '@vinejs/vine'
import config from '@adonisjs/core/services/config'
import { moduleCatalog } from '@ia/kernel/catalog'
import {
  definedSchemas,
  describedRoutes,
  schemaRef,
  type JsonSchema,
  type ResponseDoc,
  type RouteDoc,
} from './registry.ts'
import { inspectRoutes, isDocumentedRoute, type InspectedRoute } from './route_inspection.ts'

/** The file, relative to a module's root, where the module describes its routes. */
export const ROUTE_DOCS_FILE = join('start', 'openapi.ts')

/** The OpenAPI document, and what keeps it from being complete. */
export type BuiltDocument = {
  document: JsonSchema
  /** API routes that no module describes (they appear with their path and security only). */
  undocumented: string[]
  /** Descriptions of routes that do not exist (renamed or removed routes). */
  stale: string[]
}

/** Imports every module's route documentation file (once: later imports are cached). */
export async function loadRouteDocs() {
  for (const module of moduleCatalog.modules) {
    const file = join(module.root, ROUTE_DOCS_FILE)
    if (existsSync(file)) await import(pathToFileURL(file).href)
  }
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  401: 'Not signed in (no session, or an invalid access token): `E_UNAUTHORIZED`.',
  404: 'Unknown, or belonging to an organisation the caller is not a member of: `E_NOT_FOUND`.',
  422: 'Invalid input: one `E_VALIDATION` entry per field, with `field` set.',
}

/** What the request pipeline answers, before the route, to a body it cannot read. */
const BODY_ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'A body that is not what its headers say: malformed JSON (`E_INVALID_JSON`), or not compressed as its `Content-Encoding` says (`E_BAD_CONTENT_ENCODING`).',
  413: 'A body over the size limit: `E_PAYLOAD_TOO_LARGE`.',
  415: 'A body in a content type this route does not read (`E_UNSUPPORTED_MEDIA_TYPE`), or an unknown `Content-Encoding` (`E_UNSUPPORTED_CONTENT_ENCODING`).',
}

/** Walks a compiled VineJS schema and returns the names of the top-level file fields. */
function fileFields(validator: VineValidator<any, any>): string[] {
  const root = validator.toJSON().schema.schema as {
    type: string
    properties?: { propertyName: string; subtype?: string }[]
  }
  if (root.type !== 'object') return []
  return (root.properties ?? [])
    .filter((node) => node.subtype === 'multipartFile')
    .map((node) => node.propertyName)
}

function requestBody(doc: RouteDoc) {
  if (!doc.request) return undefined
  const schema = doc.request.toJSONSchema() as JsonSchema & {
    properties?: Record<string, JsonSchema>
  }
  const files = fileFields(doc.request)
  for (const name of files) {
    schema.properties![name] = { type: 'string', contentMediaType: 'application/octet-stream' }
  }
  const mediaType = files.length ? 'multipart/form-data' : 'application/json'
  const content: JsonSchema = { schema }
  if (doc.requestExample) content.example = doc.requestExample
  return { required: true, content: { [mediaType]: content } }
}

function queryParameters(doc: RouteDoc) {
  if (!doc.query) return []
  const schema = doc.query.toJSONSchema() as {
    properties?: Record<string, JsonSchema>
    required?: string[]
  }
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: (schema.required ?? []).includes(name),
    schema: property,
  }))
}

function pathParameters(route: InspectedRoute, doc: RouteDoc | undefined) {
  return route.params.map((name) => {
    const described = doc?.params?.[name]
    const parameter: JsonSchema = {
      name: name === '*' ? WILDCARD_PARAMETER : name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }
    if (typeof described === 'string') parameter.description = described
    else if (described)
      Object.assign(parameter, { description: described.description, schema: described.schema })
    return parameter
  })
}

function response(status: number, entry: ResponseDoc) {
  const { description, schema, contentType } =
    typeof entry === 'string'
      ? { description: entry, schema: undefined, contentType: undefined }
      : entry
  const body = schema ?? (status >= 400 ? schemaRef('ErrorResponse') : undefined)
  if (!body) return { description }
  return { description, content: { [contentType ?? 'application/json']: { schema: body } } }
}

function operation(route: InspectedRoute, doc: RouteDoc | undefined) {
  const responses: Record<string, unknown> = {}
  for (const [status, entry] of Object.entries(doc?.responses ?? {}))
    responses[status] = response(Number(status), entry)
  if (route.authenticated) responses['401'] ??= response(401, ERROR_DESCRIPTIONS[401])
  if (route.organizationScoped || route.params.length)
    responses['404'] ??= response(404, ERROR_DESCRIPTIONS[404])
  if (doc?.request || doc?.query) responses['422'] ??= response(422, ERROR_DESCRIPTIONS[422])
  if (doc?.request)
    for (const [status, description] of Object.entries(BODY_ERROR_DESCRIPTIONS))
      responses[status] ??= response(Number(status), description)
  if (!Object.keys(responses).length) responses.default = { description: 'Not documented yet.' }

  const result: Record<string, unknown> = {
    operationId:
      doc?.operationId ??
      `${route.method.toLowerCase()}${route.pattern.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: doc?.summary ?? 'Not documented yet',
    tags: doc?.tags ?? ['Undocumented'],
    parameters: [...pathParameters(route, doc), ...(doc ? queryParameters(doc) : [])],
    responses,
    security: route.authenticated ? [{ session: [] }, { accessToken: [] }] : [],
  }
  if (doc?.description) result.description = doc.description
  const body = doc && requestBody(doc)
  if (body) result.requestBody = body
  if (doc?.permission) result['x-permission'] = doc.permission
  if (route.moduleId) result['x-module'] = route.moduleId
  return result
}

/** What a trailing `*` of a route is called in the document (OpenAPI has no wildcard). */
const WILDCARD_PARAMETER = 'path'

/** `/orgs/:orgId/members/:memberId` as OpenAPI writes it: `/orgs/{orgId}/members/{memberId}`; a trailing `/*` becomes `/{path}`. */
export function openApiPath(pattern: string) {
  return pattern
    .replace(/:([A-Za-z0-9_]+)\??/g, '{$1}')
    .replace(/\/\*$/, `/{${WILDCARD_PARAMETER}}`)
}

/**
 * Builds the OpenAPI 3.1 document of every `/api/v1` route from the router's own list and the
 * descriptions the modules registered. Needs the router committed (the HTTP server started).
 */
export async function buildOpenApiDocument(): Promise<BuiltDocument> {
  await loadRouteDocs()
  const docs = describedRoutes()
  const routes = inspectRoutes().filter(isDocumentedRoute)
  const paths: Record<string, Record<string, unknown>> = {}
  const undocumented: string[] = []
  const tags: string[] = []
  for (const route of routes) {
    const doc = docs.get(route.key as never)
    if (!doc) undocumented.push(route.key)
    const path = (paths[openApiPath(route.pattern)] ??= {})
    path[route.method.toLowerCase()] = operation(route, doc)
    for (const tag of doc?.tags ?? ['Undocumented']) if (!tags.includes(tag)) tags.push(tag)
  }
  const existing = new Set(routes.map((route) => route.key))
  const stale = [...docs.keys()].filter((key) => !existing.has(key))

  const document = {
    openapi: '3.1.0',
    info: {
      title: 'IA-Solution API',
      version: '1.0.0',
      description: [
        'JSON in and out; every error is `{ "errors": [{ "code", "message", "field"? }] }`, the message in the',
        "caller's language (the signed-in user's locale, else `Accept-Language`; French by default).",
        'Browsers sign in with the session cookie and send the `XSRF-TOKEN` cookie back in the `X-XSRF-TOKEN`',
        'header on every POST, PUT, PATCH and DELETE (a missing token answers 403 `E_BAD_CSRF_TOKEN`). API',
        'clients send `Authorization: Bearer <personal access token>` and need no CSRF token. Money is a string',
        'with two decimals plus a currency code, never a number. Any route answers 400 `E_BAD_URL` to a path that is not',
        'valid URL encoding and 431 `E_HEADERS_TOO_LARGE` to headers over the size limit, in the same error shape;',
        'a text field holding a NUL character or a lone UTF-16 surrogate is a 422.',
      ].join(' '),
    },
    servers: [{ url: '/' }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(definedSchemas()),
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: config.get<string>('session.cookieName', 'adonis-session'),
          description:
            'The session cookie set by sign-in (browsers; writes also need the CSRF header).',
        },
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal access token created with `POST /api/v1/auth/tokens`.',
        },
      },
    },
  }
  return { document, undocumented, stale }
}

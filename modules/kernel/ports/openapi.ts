/*
 * The API reference is built from the router's own route list. A module documents its routes in
 * `modules/<id>/start/openapi.ts`:
 *   defineSchemas({ Invoice: { type: 'object', ... } })
 *   describeRoute('GET /api/v1/orgs/:orgId/invoices/:invoiceId', { operationId, summary, tags, request?, query?, responses })
 * Request schemas come from the VineJS validators; 401, 404 and 422 answers are added from the route.
 */
import type { Permission } from './authorization.ts'
import type { VineValidator } from '@vinejs/vine'

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1), written as a plain object. */
export type JsonSchema = { [keyword: string]: unknown }

/** An HTTP verb the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A route as the router knows it: verb and full pattern, e.g. `PATCH /api/v1/orgs/:orgId/members/:memberId`. */
export type RouteKey = `${HttpMethod} /${string}`

/** One documented response: a description alone (no body, or the error body for 4xx/5xx), or with its schema. */
export type ResponseDoc =
  string | { description: string; schema?: JsonSchema; contentType?: string }

/** What a route declares about itself for the API reference. */
export type RouteDoc = {
  /** Unique, camelCase: the name generated clients give the call. */
  operationId: string
  summary: string
  description?: string
  tags: string[]
  /** The permission the caller needs, e.g. `platform.member.manage`. */
  permission?: Permission
  /** Descriptions (and schemas when not a plain string) of the path parameters. */
  params?: Record<string, string | { description: string; schema: JsonSchema }>
  /** The validator of the query string. */
  query?: VineValidator<any, any>
  /** The validator of the body; file fields make it multipart/form-data. */
  request?: VineValidator<any, any>
  /** A valid body, shown in the reference and used by the generated security tests. */
  requestExample?: Record<string, unknown>
  /** Success and route-specific error responses by status; 401, 404 and 422 are added from the route itself. */
  responses: Record<number, ResponseDoc>
}

/** Where routes and schemas are described for the API reference. */
export interface OpenApiRegistry {
  /** Documents one API route; a route is described once. */
  describeRoute(route: RouteKey, doc: RouteDoc): void
  /** Adds named response schemas (one per resource) to the document's components; a name is defined once. */
  defineSchemas(schemas: Record<string, JsonSchema>): void
}

/** A reference to a schema added with `defineSchemas`. */
export function schemaRef(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` }
}

/** `{ data: [item, ...] }`, the shape of an unpaginated list. */
export function listOf(item: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: { data: { type: 'array', items: item } },
    required: ['data'],
  }
}

/** `{ data: [item, ...], meta }`, the shape of a page of a list. */
export function pageOf(item: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: { data: { type: 'array', items: item }, meta: schemaRef('PaginationMeta') },
    required: ['data', 'meta'],
  }
}

/** `{ [key]: schema }`, the usual envelope of one resource. */
export function wrapped(key: string, schema: JsonSchema): JsonSchema {
  return { type: 'object', properties: { [key]: schema }, required: [key] }
}

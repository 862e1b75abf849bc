/*
 * The API reference is built from the router's own route list (GET /api/v1/openapi.json, /api/v1/docs).
 * A module documents its routes in `modules/<id>/start/openapi.ts`, which the platform imports:
 *   defineSchemas({ Invoice: { type: 'object', ... } })
 *   describeRoute('GET /api/v1/orgs/:orgId/invoices/:invoiceId', { operationId, summary, tags, request?, query?, responses })
 * Request schemas come from the VineJS validators; 401, 404 and 422 answers are added from the route.
 */
import type { JsonSchema, OpenApiRegistry, RouteDoc, RouteKey } from '@ia/kernel/contracts'

export { schemaRef, listOf, pageOf, wrapped } from '@ia/kernel/contracts'
export type { JsonSchema, HttpMethod, RouteKey, ResponseDoc, RouteDoc } from '@ia/kernel/contracts'

const routeDocs = new Map<RouteKey, RouteDoc>()
const componentSchemas = new Map<string, JsonSchema>()

/** Documents one API route. Each module does it in its `start/openapi.ts`, which the platform loads. */
export function describeRoute(route: RouteKey, doc: RouteDoc) {
  if (routeDocs.has(route)) throw new Error(`OpenAPI: "${route}" is described twice`)
  routeDocs.set(route, doc)
}

/** Adds named response schemas (one per resource) to the document's components. */
export function defineSchemas(schemas: Record<string, JsonSchema>) {
  for (const [name, schema] of Object.entries(schemas)) {
    if (componentSchemas.has(name)) throw new Error(`OpenAPI: schema "${name}" is defined twice`)
    componentSchemas.set(name, schema)
  }
}

/** Everything described so far (read by the document builder). */
export function describedRoutes(): ReadonlyMap<RouteKey, RouteDoc> {
  return routeDocs
}

/** Every named schema defined so far (read by the document builder). */
export function definedSchemas(): ReadonlyMap<string, JsonSchema> {
  return componentSchemas
}

/** The platform's implementation of the kernel's OpenAPI port. */
export const openApiRegistry: OpenApiRegistry = { describeRoute, defineSchemas }

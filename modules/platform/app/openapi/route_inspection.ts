import router from '@adonisjs/core/services/router'
import { platformMiddleware } from '../../start/middleware.ts'

/** One verb of one registered route, with what its middleware says about who may call it. */
export type InspectedRoute = {
  method: string
  pattern: string
  /** `METHOD /pattern`, the key route documentation and the public-route allowlist use. */
  key: string
  /** Path parameters in order (`*` for a wildcard). */
  params: string[]
  /** Behind the platform's auth middleware (session or access token). */
  authenticated: boolean
  /** Behind the organisation middleware (members of `:orgId` only, 404 to anyone else). */
  organizationScoped: boolean
  /** The module that must be enabled for the organisation, if any. */
  moduleId: string | null
}

type StoredMiddleware = { reference?: unknown; args?: unknown }

const references = {
  auth: platformMiddleware.auth().reference,
  organization: platformMiddleware.organization().reference,
  moduleEnabled: platformMiddleware.moduleEnabled({ moduleId: '' }).reference,
}

/**
 * Every route of the committed router, one entry per verb (HEAD, which GET routes answer too,
 * is left out). The router's own list, so nothing registered can be missed.
 */
export function inspectRoutes(): InspectedRoute[] {
  const routes: InspectedRoute[] = []
  for (const domainRoutes of Object.values(router.toJSON())) {
    for (const route of domainRoutes) {
      const middleware = [...route.middleware.all()] as StoredMiddleware[]
      const uses = (reference: unknown) => middleware.some((entry) => entry.reference === reference)
      const moduleEntry = middleware.find((entry) => entry.reference === references.moduleEnabled)
      const params = route.tokens.filter((token) => token.type !== 0).map((token) => token.val)
      for (const method of route.methods) {
        if (method === 'HEAD') continue
        routes.push({
          method,
          pattern: route.pattern,
          key: `${method} ${route.pattern}`,
          params,
          authenticated: uses(references.auth),
          organizationScoped: uses(references.organization),
          moduleId: (moduleEntry?.args as { moduleId?: string } | undefined)?.moduleId ?? null,
        })
      }
    }
  }
  return routes
}

/** Whether a route belongs to the versioned JSON API. */
export function isApiRoute(route: Pick<InspectedRoute, 'pattern'>) {
  return route.pattern === '/api/v1' || route.pattern.startsWith('/api/v1/')
}

/** Whether a route must be in the API reference: the versioned API and the health checks orchestrators call. */
export function isDocumentedRoute(route: Pick<InspectedRoute, 'pattern'>) {
  return isApiRoute(route) || route.pattern.startsWith('/health/')
}

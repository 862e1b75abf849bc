/*
 * The platform's public surface: the only platform code other modules may import.
 */
export { tenantContext, type TenantScope } from './tenant_context.ts'
export { TenantModel } from './tenant_model.ts'
export { DomainError, notFound } from './domain_error.ts'
export { isUuid } from './identifiers.ts'
export { organizationRoutes } from './routes.ts'
export { authorize } from './authorization.ts'
export type { DomainModuleProvider, DomainModuleProviderClass } from './domain_module.ts'
export { auditLog, type AuditRecord } from '../app/services/audit_log.ts'
export {
  describeRoute,
  defineSchemas,
  schemaRef,
  listOf,
  pageOf,
  wrapped,
  type JsonSchema,
  type RouteDoc,
  type RouteKey,
  type ResponseDoc,
} from '../app/openapi/registry.ts'

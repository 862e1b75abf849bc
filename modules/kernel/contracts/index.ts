/*
 * The kernel's public surface: what every module and the host build on.
 */
export { tenantContext, type TenantScope } from '../tenancy/tenant_context.ts'
export { TenantModel } from '../tenancy/tenant_model.ts'
export { DomainError, notFound } from '../http/domain_error.ts'
export { isUuid } from '../http/identifiers.ts'
export { MAX_PAGE } from '../http/pagination.ts'
export { organizationRoutes } from '../http/routes.ts'
export type { DomainModuleProvider, DomainModuleProviderClass } from '../provider/domain_module.ts'

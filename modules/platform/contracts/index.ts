/*
 * The platform's public surface: the only platform code other modules may import.
 */
export { tenantContext, type TenantScope } from './tenant_context.ts'
export { TenantModel } from './tenant_model.ts'
export { DomainError, notFound } from './domain_error.ts'
export { isUuid } from './identifiers.ts'
export { MAX_PAGE } from './pagination.ts'
export { organizationRoutes } from './routes.ts'
export { authorize } from './authorization.ts'
export type { DomainModuleProvider, DomainModuleProviderClass } from './domain_module.ts'
export { auditLog, type AuditRecord } from '../app/services/audit_log.ts'
export { files, type StoredFile, type CheckedUpload, type UploadRules } from './files.ts'
export { mails, type MailContent, type MailRequest, type MailTemplate } from './mail.ts'
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
export { defineSerializer, isoTimestamp, isoTimestampOrNull, wire, Type, type Serializer } from '../app/openapi/wire.ts'
export {
  search,
  type SearchType,
  type SearchResult,
  type SearchOptions,
} from '../app/services/search/search_service.ts'
export type { SearchDocumentInput } from '../app/services/search/search_engine.ts'
export {
  notifications,
  notificationsChannel,
  type NotificationInput,
  type NotificationMessage,
  type NotificationView,
} from '../app/services/notifications.ts'
export type { LocalizedText, NotificationLevel } from '../app/models/notification.ts'
export { live } from '../app/services/live/live.ts'
export type { JobProgressEvent, JobProgressMessage, JobStatus } from '../app/services/live/job_progress.ts'
export { jobs, events } from './jobs.ts'
export type {
  JobContext,
  JobHandler,
  JobOptions,
  DispatchOptions,
  EventHandler,
  EventMeta,
  PublishOptions,
} from '../app/jobs/types.ts'

/*
 * The platform's public surface: the only platform code other modules may import.
 */
export {
  tenantContext,
  TenantModel,
  DomainError,
  notFound,
  isUuid,
  MAX_PAGE,
  organizationRoutes,
  type TenantScope,
  type DomainModuleProvider,
  type DomainModuleProviderClass,
} from '@ia/kernel/contracts'
export { authorize } from './authorization.ts'
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

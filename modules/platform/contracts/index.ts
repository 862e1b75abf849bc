/*
 * What the platform offers the host (backend) beyond the kernel: its implementations of the kernel's
 * ports, live events and the authorisation helper. Domain modules import `@ia/kernel/contracts` instead.
 */
export { authorize } from './authorization.ts'
export { files } from './files.ts'
export { mails } from './mail.ts'
export { jobs, events } from './jobs.ts'
export { auditLog } from '../app/services/audit_log.ts'
export { search } from '../app/services/search/search_service.ts'
export { notifications, notificationsChannel } from '../app/services/notifications.ts'
export type { NotificationMessage } from '../app/transformers/live_transformer.ts'
export { live } from '../app/services/live/live.ts'
export type { JobProgressEvent, JobStatus } from '../app/services/live/job_progress.ts'
export { default as User } from '../app/models/user.ts'
export { default as Organization } from '../app/models/organization.ts'
export { default as Membership } from '../app/models/membership.ts'

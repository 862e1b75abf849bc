import type { LocalizedText } from '@ia/kernel/contracts'
import type { LiveChannels } from './live_channels.ts'

/** Where a job stands. */
export type JobStatus = 'queued' | 'running' | 'completed' | 'failed'

/** The AdonisJS event 'platform:job.progress', emitted by the jobs engine on start, progress, completion and failure. */
export type JobProgressEvent = {
  jobId: string
  organizationId: string | null
  userId: string | null
  name: string
  label?: LocalizedText | null
  status: JobStatus
  percent: number
  message?: LocalizedText | null
  error?: unknown
}

/** What the browser receives on `users/<userId>/jobs` and `orgs/<orgId>/jobs` (never the internal error). */
export type JobProgressMessage = {
  jobId: string
  organizationId: string | null
  name: string
  label: LocalizedText | null
  status: JobStatus
  percent: number
  message: LocalizedText | null
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'platform:job.progress': JobProgressEvent
  }
}

/** The channels a job's progress goes to: its user's, or, for a job of nobody in particular, its organisation's. */
export function jobProgressChannels(event: Pick<JobProgressEvent, 'userId' | 'organizationId'>) {
  if (event.userId) return [`users/${event.userId}/jobs`]
  if (event.organizationId) return [`orgs/${event.organizationId}/jobs`]
  return []
}

/** Forwards one progress event to the browsers allowed to see it. */
export function forwardJobProgress(live: LiveChannels, event: JobProgressEvent) {
  const message: JobProgressMessage = {
    jobId: event.jobId,
    organizationId: event.organizationId,
    name: event.name,
    label: event.label ?? null,
    status: event.status,
    percent: Math.max(0, Math.min(100, Math.round(event.percent))),
    message: event.message ?? null,
  }
  for (const channel of jobProgressChannels(event)) live.broadcast(channel, message)
}

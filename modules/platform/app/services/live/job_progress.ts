import type { LocalizedText } from '@ia/kernel/contracts'
import type { LiveChannels } from './live_channels.ts'
import { serializeJobProgress, type JOB_STATUSES } from '../../transformers/live_transformer.ts'

/** Where a job stands. */
export type JobStatus = (typeof JOB_STATUSES)[number]

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
  const message = serializeJobProgress(event)
  for (const channel of jobProgressChannels(event)) live.broadcast(channel, message)
}

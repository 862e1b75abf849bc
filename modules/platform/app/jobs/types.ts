import type { LocalizedText } from '@ia/kernel/contracts'

export type { LocalizedText }
export type { JobProgressEvent } from '../services/live/job_progress.ts'
export type {
  JobContext,
  JobHandler,
  JobOptions,
  JobTitle,
  DispatchOptions,
  EventMeta,
  EventHandler,
  PublishOptions,
} from '@ia/kernel/contracts'

/** Where a job row stands: the progress statuses, plus `discarded`, an admin's decision on a failed job. */
export type JobRowStatus = 'queued' | 'running' | 'completed' | 'failed' | 'discarded'

import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'
// The event's type is declared on EventsList next to its SSE forwarder (services/live/job_progress.ts).
import type { JobProgressEvent } from './types.ts'

/** Tells listeners (the live-progress stream) where a job stands; a failing listener never fails the job. */
export function emitJobProgress(event: JobProgressEvent) {
  emitter.emit('platform:job.progress', event).catch((error: unknown) => {
    logger.warn({ err: error, jobId: event.jobId }, 'a platform:job.progress listener failed')
  })
}

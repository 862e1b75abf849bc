import { http } from '../config'
import type { Id, LocalizedText, Paginated } from '../types'
import { orgPath } from './organizations'

/** Where a background job stands on the admin page (`discarded`: given up by an admin). */
export type BackgroundJobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'discarded'

/** A background job of the organisation, as the admin page lists it. */
export interface BackgroundJob {
  id: Id
  /** `<module>.<job>`, e.g. `contacts.import`. */
  name: string
  label: LocalizedText | null
  status: BackgroundJobStatus
  percent: number
  message: LocalizedText | null
  attempts: number
  maxAttempts: number
  /** The error of the last failed run. */
  error: string | null
  createdAt: string
  updatedAt: string
  startedAt: string | null
  finishedAt: string | null
}

/** One page of the organisation's jobs, newest first (admins only). */
export function listJobs(orgId: Id, options: { status?: BackgroundJobStatus; page?: number } = {}): Promise<Paginated<BackgroundJob>> {
  return http.get(orgPath(orgId, '/jobs'), { query: { page: options.page ?? 1, ...(options.status ? { status: options.status } : {}) } })
}

/** Runs a failed job again with a fresh set of attempts. */
export async function retryJob(orgId: Id, jobId: Id): Promise<BackgroundJob> {
  const body = await http.post<{ job: BackgroundJob }>(orgPath(orgId, `/jobs/${encodeURIComponent(String(jobId))}/retry`))
  return body.job
}

/** Gives up a failed job. */
export async function discardJob(orgId: Id, jobId: Id): Promise<BackgroundJob> {
  const body = await http.post<{ job: BackgroundJob }>(orgPath(orgId, `/jobs/${encodeURIComponent(String(jobId))}/discard`))
  return body.job
}

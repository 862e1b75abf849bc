import { http } from '../config'
import type { Id, Paginated } from '../types'
import type { Schemas } from '../wire'
import { orgPath } from './organizations'

/** A background job of the organisation, as the admin page lists it. */
export type BackgroundJob = Schemas['Job']

/** Where a background job stands on the admin page (`discarded`: given up by an admin). */
export type BackgroundJobStatus = BackgroundJob['status']

/** One page of the organisation's jobs, newest first (admins only). */
export function listJobs(
  orgId: Id,
  options: { status?: BackgroundJobStatus; page?: number } = {}
): Promise<Paginated<BackgroundJob>> {
  return http.get(orgPath(orgId, '/jobs'), {
    query: { page: options.page ?? 1, ...(options.status ? { status: options.status } : {}) },
  })
}

/** Runs a failed job again with a fresh set of attempts. */
export async function retryJob(orgId: Id, jobId: Id): Promise<BackgroundJob> {
  const body = await http.post<{ job: BackgroundJob }>(
    orgPath(orgId, `/jobs/${encodeURIComponent(String(jobId))}/retry`)
  )
  return body.job
}

/** Gives up a failed job. */
export async function discardJob(orgId: Id, jobId: Id): Promise<BackgroundJob> {
  const body = await http.post<{ job: BackgroundJob }>(
    orgPath(orgId, `/jobs/${encodeURIComponent(String(jobId))}/discard`)
  )
  return body.job
}

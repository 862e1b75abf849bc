import vine from '@vinejs/vine'
import { MAX_PAGE } from '@ia/kernel/contracts'

/** The job statuses an admin can filter on. */
export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'discarded'] as const

/** `GET /orgs/:orgId/jobs` query: one page of jobs, optionally of one status. */
export const listJobsValidator = vine.create({
  status: vine.enum(JOB_STATUSES).optional(),
  page: vine.number().withoutDecimals().range([1, MAX_PAGE]).optional(),
  perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
})

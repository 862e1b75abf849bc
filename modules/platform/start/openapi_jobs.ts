/*
 * The API reference of an organisation's background jobs (the admin page of failed jobs).
 */
import { listJobsValidator } from '../app/validators/jobs.ts'
import { describeRoute, pageOf, wrapped } from '../app/openapi/registry.ts'
import { serializeJob } from '../app/transformers/job_transformer.ts'

const adminOnly = 'The caller is a member without the admin role: `E_FORBIDDEN`.'
const params = { orgId: 'The organisation id (uuid).', jobId: 'The job id (uuid).' }

describeRoute('GET /api/v1/orgs/:orgId/jobs', {
  operationId: 'listJobs',
  summary: "The organisation's background jobs, newest first",
  description: '`status=failed` lists the jobs that ran out of attempts, with their error.',
  tags: ['Jobs'],
  permission: 'platform.job.manage',
  params: { orgId: params.orgId },
  query: listJobsValidator,
  responses: {
    200: { description: 'One page (25 jobs by default).', schema: pageOf(serializeJob.ref) },
    403: adminOnly,
  },
})
describeRoute('POST /api/v1/orgs/:orgId/jobs/:jobId/retry', {
  operationId: 'retryJob',
  summary: 'Run a failed job again, with a fresh set of attempts',
  tags: ['Jobs'],
  permission: 'platform.job.manage',
  params,
  responses: {
    200: { description: 'The job, queued.', schema: wrapped('job', serializeJob.ref) },
    403: adminOnly,
    409: 'The job is not failed: `E_JOB_NOT_FAILED`.',
  },
})
describeRoute('POST /api/v1/orgs/:orgId/jobs/:jobId/discard', {
  operationId: 'discardJob',
  summary: 'Give up a failed job (it stays listed, as discarded)',
  tags: ['Jobs'],
  permission: 'platform.job.manage',
  params,
  responses: {
    200: { description: 'The job, discarded.', schema: wrapped('job', serializeJob.ref) },
    403: adminOnly,
    409: 'The job is not failed: `E_JOB_NOT_FAILED`.',
  },
})

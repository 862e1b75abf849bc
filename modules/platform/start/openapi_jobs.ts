/*
 * The API reference of an organisation's background jobs (the admin page of failed jobs).
 */
import { listJobsValidator, JOB_STATUSES } from '../app/validators/jobs.ts'
import {
  defineSchemas,
  describeRoute,
  pageOf,
  schemaRef,
  wrapped,
} from '../app/openapi/registry.ts'

const localized = {
  type: 'object',
  properties: { fr: { type: 'string' }, en: { type: 'string' } },
  required: ['fr', 'en'],
}
const nullable = (schema: Record<string, unknown>) => ({ oneOf: [{ type: 'null' }, schema] })
const dateTime = { type: 'string', format: 'date-time' }
const adminOnly = 'The caller is a member without the admin role: `E_FORBIDDEN`.'
const params = { orgId: 'The organisation id (uuid).', jobId: 'The job id (uuid).' }

defineSchemas({
  Job: {
    type: 'object',
    description:
      'Work run in the background by the workers (imports, documents, mailings...), retried with exponential backoff.',
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string', description: '`<module>.<job>`, e.g. `contacts.import`.' },
      label: nullable(localized),
      status: { enum: [...JOB_STATUSES] },
      percent: { type: 'integer', minimum: 0, maximum: 100 },
      message: nullable(localized),
      attempts: { type: 'integer', description: 'Runs started so far.' },
      maxAttempts: { type: 'integer', description: 'Runs before the job is marked failed.' },
      error: { type: ['string', 'null'], description: 'The error of the last failed run.' },
      createdAt: dateTime,
      updatedAt: dateTime,
      startedAt: { type: ['string', 'null'], format: 'date-time' },
      finishedAt: { type: ['string', 'null'], format: 'date-time' },
    },
    required: [
      'id',
      'name',
      'label',
      'status',
      'percent',
      'message',
      'attempts',
      'maxAttempts',
      'error',
      'createdAt',
      'updatedAt',
      'startedAt',
      'finishedAt',
    ],
  },
})

describeRoute('GET /api/v1/orgs/:orgId/jobs', {
  operationId: 'listJobs',
  summary: "The organisation's background jobs, newest first",
  description: '`status=failed` lists the jobs that ran out of attempts, with their error.',
  tags: ['Jobs'],
  permission: 'platform.job.manage',
  params: { orgId: params.orgId },
  query: listJobsValidator,
  responses: {
    200: { description: 'One page (25 jobs by default).', schema: pageOf(schemaRef('Job')) },
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
    200: { description: 'The job, queued.', schema: wrapped('job', schemaRef('Job')) },
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
    200: { description: 'The job, discarded.', schema: wrapped('job', schemaRef('Job')) },
    403: adminOnly,
    409: 'The job is not failed: `E_JOB_NOT_FAILED`.',
  },
})

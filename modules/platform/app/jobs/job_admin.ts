import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DomainError, notFound, isUuid } from '@ia/kernel/contracts'
import { insertOutboxRow } from './outbox.ts'
import { emitJobProgress } from './progress.ts'
import type { JobRowStatus, LocalizedText } from './types.ts'

/** A row of `platform.jobs`, as the admin page reads it. */
export type JobRow = {
  id: string
  name: string
  organization_id: string | null
  user_id: string | null
  label: LocalizedText | null
  payload: unknown
  status: JobRowStatus
  percent: number
  message: LocalizedText | null
  attempts: number
  max_attempts: number
  last_error: string | null
  created_at: Date
  updated_at: Date
  started_at: Date | null
  finished_at: Date | null
}

function notFailed() {
  return new DomainError('E_JOB_NOT_FAILED', 409, 'platform.errors.E_JOB_NOT_FAILED')
}

/** What an organisation's admins do with its jobs: look, retry a failed one, or give it up. */
export const jobAdmin = {
  async list(
    organizationId: string,
    filters: { status?: JobRowStatus; page: number; perPage: number }
  ) {
    const query = db.from('platform.jobs').where('organization_id', organizationId)
    if (filters.status) query.where('status', filters.status)
    const page = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .paginate(filters.page, filters.perPage)
    return {
      data: page.all() as JobRow[],
      meta: {
        total: page.total,
        perPage: page.perPage,
        currentPage: page.currentPage,
        lastPage: page.lastPage,
      },
    }
  },

  /** Queues a failed job again with a fresh set of attempts; its outbox row commits with the change. */
  async retry(organizationId: string, jobId: string) {
    return db.transaction(async (trx) => {
      const job = await this.lockFailed(trx, organizationId, jobId)
      const [row] = await trx
        .from('platform.jobs')
        .where('id', job.id)
        .update({
          status: 'queued',
          attempts: 0,
          percent: 0,
          message: null,
          finished_at: null,
          updated_at: new Date(),
        })
        .returning('*')
      await insertOutboxRow(trx, {
        messageId: job.id,
        kind: 'job',
        name: job.name,
        payload: job.payload,
        organizationId: job.organization_id,
        userId: job.user_id,
      })
      // The trays that showed it failed show it queued again, as a new job would be.
      trx.after('commit', () => {
        emitJobProgress({
          jobId: job.id,
          organizationId: job.organization_id,
          userId: job.user_id,
          name: job.name,
          label: job.label,
          status: 'queued',
          percent: 0,
          message: null,
        })
      })
      return row as JobRow
    })
  },

  /** Gives up a failed job: it stays listed as discarded and never runs again. */
  async discard(organizationId: string, jobId: string) {
    return db.transaction(async (trx) => {
      const job = await this.lockFailed(trx, organizationId, jobId)
      const [row] = await trx
        .from('platform.jobs')
        .where('id', job.id)
        .update({ status: 'discarded', updated_at: new Date() })
        .returning('*')
      return row as JobRow
    })
  },

  async lockFailed(trx: TransactionClientContract, organizationId: string, jobId: string) {
    if (!isUuid(jobId)) throw notFound()
    const job: JobRow | null = await trx
      .from('platform.jobs')
      .where({ id: jobId, organization_id: organizationId })
      .forUpdate()
      .first()
    if (!job) throw notFound()
    if (job.status !== 'failed') throw notFailed()
    return job
  },
}

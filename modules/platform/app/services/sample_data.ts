import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DomainError, type JobContext, type LocalizedText } from '@ia/kernel/contracts'
import { jobs } from '../../contracts/jobs.ts'
import { auditLog } from './audit_log.ts'

/** The job that loads the enabled modules' sample data into an organisation. */
export const LOAD_SAMPLE_DATA_JOB = 'platform.sample_data.load'
/** The job that removes an organisation's sample data, and only it. */
export const REMOVE_SAMPLE_DATA_JOB = 'platform.sample_data.remove'

/** Who asks, for the audit log. */
type Actor = { id: string; ip: string | null }

function localized(key: string, data?: Record<string, unknown>): LocalizedText {
  return { fr: i18nManager.locale('fr').t(key, data), en: i18nManager.locale('en').t(key, data) }
}

/** When the organisation's sample data was asked for; null when there is none (never loaded, or removed). */
async function loadedAt(client: QueryClientContract, organizationId: string): Promise<Date | null> {
  const row = await client
    .from('platform.organization_onboarding')
    .where('organization_id', organizationId)
    .select('sample_data_at')
    .first()
  return row?.sample_data_at ?? null
}

async function setLoadedAt(
  client: QueryClientContract,
  organizationId: string,
  value: 'now' | null
) {
  await client.rawQuery(
    `INSERT INTO platform.organization_onboarding (organization_id, sample_data_at) VALUES (?, ${value ? 'now()' : 'NULL'})
     ON CONFLICT (organization_id) DO UPDATE SET sample_data_at = EXCLUDED.sample_data_at`,
    [organizationId]
  )
}

const conflict = (code: string) => new DomainError(code, 409, `platform.errors.${code}`)

/**
 * Sample data on demand: an admin loads the enabled modules' demo records (each module marks its own,
 * through its provider's `seedDemo`) and removes them in one click (`removeDemo` deletes only those).
 * Each runs as a job with its progress; the request records the choice and queues the job in one
 * transaction, so a second click finds the state already changed.
 */
export const sampleData = {
  /** Whether an enabled module has sample data to offer (read from the cached set of enabled modules). */
  async available(organizationId: string) {
    const registry = await app.container.make('platform.modules')
    return (await registry.sampleDataModules(organizationId)).length > 0
  },

  /** Queues the loading; 409 when it is loaded already or no enabled module has sample data. Resolves to the job id. */
  async load(organizationId: string, actor: Actor) {
    const registry = await app.container.make('platform.modules')
    const modules = await registry.sampleDataModules(organizationId)
    if (!modules.length) throw conflict('E_SAMPLE_DATA_UNAVAILABLE')
    return this.queue(organizationId, actor, 'load', modules)
  },

  /** Queues the removal; 409 when there is none. Resolves to the job id. */
  async remove(organizationId: string, actor: Actor) {
    return this.queue(organizationId, actor, 'remove', [])
  },

  async queue(organizationId: string, actor: Actor, action: 'load' | 'remove', modules: string[]) {
    return db.transaction(async (trx) => {
      await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [
        `onboarding:${organizationId}`,
      ])
      const loaded = (await loadedAt(trx, organizationId)) !== null
      if (action === 'load' && loaded) throw conflict('E_SAMPLE_DATA_LOADED')
      if (action === 'remove' && !loaded) throw conflict('E_SAMPLE_DATA_NONE')
      await setLoadedAt(trx, organizationId, action === 'load' ? 'now' : null)
      await auditLog.record(
        {
          organizationId,
          actorId: actor.id,
          action: `organization.sample_data_${action === 'load' ? 'loaded' : 'removed'}`,
          subjectType: 'organization',
          subjectId: organizationId,
          metadata: action === 'load' ? { modules } : {},
          ip: actor.ip,
        },
        trx
      )
      return jobs.dispatch(
        action === 'load' ? LOAD_SAMPLE_DATA_JOB : REMOVE_SAMPLE_DATA_JOB,
        {},
        { client: trx, organizationId, userId: actor.id }
      )
    })
  },
}

/** Reports a module done, as a share of the whole job and a sentence in both languages. */
function reportModule(context: JobContext, key: string, done: number, total: number) {
  return context.progress(Math.round((done / (total + 1)) * 100), localized(key, { done, total }))
}

/** Registers the two jobs; a run finds the state the request left (a removal asked meanwhile wins over a pending load). */
export function registerSampleDataJobs() {
  jobs.register(
    LOAD_SAMPLE_DATA_JOB,
    async (_payload, context) => {
      const organizationId = context.organizationId!
      if (!(await loadedAt(context.client, organizationId))) return
      const registry = await app.container.make('platform.modules')
      const modules = await registry.sampleDataModules(organizationId)
      await registry.loadSampleData(organizationId, modules, context.client, (index) =>
        reportModule(context, 'platform.sampleData.progress.load', index + 1, modules.length)
      )
    },
    { title: 'platform.jobs.sampleData.load' }
  )
  jobs.register(
    REMOVE_SAMPLE_DATA_JOB,
    async (_payload, context) => {
      const registry = await app.container.make('platform.modules')
      await registry.removeSampleData(context.organizationId!, context.client, (index, total) =>
        reportModule(context, 'platform.sampleData.progress.remove', index + 1, total)
      )
    },
    { title: 'platform.jobs.sampleData.remove' }
  )
}

import { DateTime } from 'luxon'
import i18nManager from '@adonisjs/i18n/services/main'
import logger from '@adonisjs/core/services/logger'
import { DomainError, auditLog, files, tenantContext, type JobContext } from '@ia/kernel/contracts'
import { currenciesService } from '../../contracts/currencies_service.ts'
import RateImport from '../models/rate_import.ts'
import { recordRates } from '../actions/record_rates.ts'
import { rateSettings } from '../services/organization_setup.ts'
import { localizedText, readRatesCsv } from '../services/rate_import.ts'
import { currencyErrors } from '../errors.ts'

/** The job that records the rates of an uploaded CSV file. */
export const IMPORT_RATES_JOB = 'currencies.import_rates'

/** What the job is told: which import to run (everything else is on the import's row). */
export type ImportRatesPayload = { importId: string }

/** Rates per INSERT statement: large enough to be quick, far below PostgreSQL's parameter limit. */
const INSERT_CHUNK = 1000

/**
 * Runs a queued import in the job's transaction: the valid rows are recorded (all of them or, if the
 * job fails, none), and the import keeps its count and every refused row with its line and reason.
 * A later attempt or a redelivery finds the import done and does nothing.
 */
export async function importRates({ importId }: ImportRatesPayload, context: JobContext) {
  const trx = context.client
  const organizationId = tenantContext.require()
  const rateImport = await RateImport.query({ client: trx })
    .where('id', importId)
    .forUpdate()
    .first()
  if (!rateImport || rateImport.status !== 'queued') return
  const i18n = i18nManager.locale(rateImport.locale)
  await context.progress(0, localizedText('currencies.import.progress.checking'))

  let parsed: ReturnType<typeof readRatesCsv>
  try {
    const bytes = await files.get(organizationId, rateImport.filePath)
    if (!bytes) throw currencyErrors.importUnreadable('fileMissing')
    const { currencies } = await currenciesService.settings(organizationId, { client: trx })
    parsed = readRatesCsv(
      Buffer.from(bytes),
      currencies.map((currency) => currency.code),
      i18n
    )
  } catch (error) {
    // A file refused as a whole would be refused again at every attempt: record why, do not retry.
    if (!(error instanceof DomainError)) throw error
    rateImport.merge({
      status: 'failed',
      errorCode: error.code,
      errorMessage: i18n.t(error.translationKey, error.data),
      finishedAt: DateTime.now(),
    })
    await rateImport.save()
    deleteFileAfterCommit(context, rateImport)
    return
  }

  const { rates, rejected } = parsed
  const { rateSource } = await rateSettings(organizationId, trx)
  for (let start = 0; start < rates.length; start += INSERT_CHUNK) {
    const chunk = rates.slice(start, start + INSERT_CHUNK)
    await recordRates(organizationId, chunk, 'import', rateSource, rateImport.userId, trx)
    const done = start + chunk.length
    await context.progress(
      10 + (89 * done) / rates.length,
      localizedText('currencies.import.progress.saving', { done, total: rates.length })
    )
  }
  rateImport.merge({
    status: 'completed',
    importedCount: rates.length,
    rejected,
    finishedAt: DateTime.now(),
  })
  await rateImport.save()
  await auditLog.record(
    {
      organizationId,
      actorId: rateImport.userId,
      action: 'currencies.rates.imported',
      subjectType: 'currencies_import',
      subjectId: rateImport.id,
      metadata: { imported: rates.length, rejected: rejected.length },
    },
    trx
  )
  deleteFileAfterCommit(context, rateImport)
}

/** The uploaded file is kept until its import is done, for the attempts that may follow a failure, and no longer. */
function deleteFileAfterCommit(context: JobContext, rateImport: RateImport) {
  context.client.after('commit', () => {
    files.delete(rateImport.organizationId, rateImport.filePath).catch((error: unknown) => {
      logger.warn(
        { err: error, importId: rateImport.id },
        'could not delete the file of a finished rates import'
      )
    })
  })
}

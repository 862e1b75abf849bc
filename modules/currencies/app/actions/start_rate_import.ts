import { randomUUID } from 'node:crypto'
import type { I18n } from '@adonisjs/i18n'
import db from '@adonisjs/lucid/services/db'
import { files, jobs, tenantContext } from '@ia/kernel/contracts'
import { currenciesService } from '../../contracts/currencies_service.ts'
import RateImport from '../models/rate_import.ts'
import { localizedText, readRatesCsv } from '../services/rate_import.ts'
import { IMPORT_RATES_JOB, type ImportRatesPayload } from '../jobs/import_rates.ts'

/** An uploaded CSV file: its bytes and the name the user's computer gave it. */
export type RateImportUpload = { bytes: Buffer; fileName: string }

/**
 * Accepts a rates file: reads it once (a file no job could import is a 422 at once), stores it with the
 * platform's file service, then records the import and queues its job in one transaction, so there is
 * never an import without its job nor a job without its import.
 */
export async function startRateImport(upload: RateImportUpload, i18n: I18n, userId: string) {
  const organizationId = tenantContext.require()
  const { currencies } = await currenciesService.settings(organizationId)
  const { rowCount } = readRatesCsv(
    upload.bytes,
    currencies.map((currency) => currency.code),
    i18n
  )
  const id = randomUUID()
  const filePath = `currencies/imports/${id}.csv`
  const fileName = upload.fileName.slice(0, 255) || 'rates.csv'
  await files.put(organizationId, filePath, upload.bytes, {
    contentType: 'text/csv',
    contentLength: upload.bytes.byteLength,
  })
  try {
    return await db.transaction(async (trx) => {
      const jobId = await jobs.dispatch<ImportRatesPayload>(
        IMPORT_RATES_JOB,
        { importId: id },
        {
          client: trx,
          organizationId,
          userId,
          label: localizedText('currencies.import.jobLabel', { file: fileName }),
        }
      )
      return RateImport.create(
        {
          id,
          userId,
          jobId,
          fileName,
          filePath,
          locale: i18n.locale === 'en' ? 'en' : 'fr',
          status: 'queued',
          rowCount,
          rejected: [],
        },
        { client: trx }
      )
    })
  } catch (error) {
    await files.delete(organizationId, filePath)
    throw error
  }
}

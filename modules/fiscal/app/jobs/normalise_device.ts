import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import {
  fromMinorUnits,
  jobs,
  organizations,
  toMinorUnits,
  type JobContext,
} from '@ia/kernel/contracts'
import { invoicingQueries } from '@ia/invoicing/contracts'
import {
  FiscalDeviceError,
  isSignature,
  type FiscalDevice,
  type FiscalSignature,
  type FiscalTotals,
} from '../ports/fiscal_device.ts'
import { deviceRow, fiscalDeviceOf, type DeviceRow } from '../services/devices.ts'
import { fiscalInvoiceOf, InvoiceNotNormalisable } from '../services/fiscal_invoice.ts'

/** The job that works through one organisation's device queue, in the order invoices were issued. */
export const NORMALISE_JOB = 'fiscal.normalise_device'

/** What the job is given. */
export type NormalisePayload = { organizationId: string }

/** Most pending invoices a device holds (the e-MCF's rule). */
export const MAX_PENDING = 10

/** Waits between two tries while the device is unreachable or full: 30 s doubling up to 30 min, for as long as it takes. */
export function retryDelayMs(retryCount: number) {
  return Math.min(30_000 * 2 ** Math.max(retryCount - 1, 0), 30 * 60_000)
}

export type NormalisationRow = {
  id: string
  organization_id: string
  sequence: string
  document_id: string
  document_kind: 'invoice' | 'credit_note'
  number: string
  credited_document_id: string | null
  status: 'awaiting' | 'posted' | 'normalised' | 'failed'
  uid: string | null
  currency: string
  total_minor: string
  tax_minor: string
  attempts: number
}

/** Each state change is committed at once, apart from the job's transaction: a uid the device gave is never lost with it. */
async function update(row: NormalisationRow, values: Record<string, unknown>) {
  await db.transaction(async (trx) => {
    await trx
      .from('fiscal.normalisations')
      .where({ id: row.id, organization_id: row.organization_id })
      .update({ ...values, updated_at: new Date() })
  })
  Object.assign(row, values)
}

const minor = (amount: string, currency: string) => toMinorUnits(amount, currency).toString()

const ourTotals = (row: NormalisationRow): FiscalTotals => ({
  total: fromMinorUnits(row.total_minor, row.currency),
  tax: fromMinorUnits(row.tax_minor, row.currency),
})

async function store(row: NormalisationRow, signature: FiscalSignature) {
  await update(row, {
    status: 'normalised',
    uid: signature.uid,
    dgi_code: signature.dgiCode,
    qr_content: signature.qrContent,
    counters: signature.counters,
    nim: signature.nim,
    dgi_date_time: signature.dateTime,
    normalised_at: new Date(),
    error_code: null,
    error_message: null,
  })
}

/** Compares the device's totals with ours to the minor unit: confirms when equal, else cancels and keeps the difference. */
async function settle(
  device: FiscalDevice,
  row: NormalisationRow,
  uid: string,
  theirs: FiscalTotals
) {
  await update(row, {
    status: 'posted',
    uid,
    emcf_total_minor: minor(theirs.total, row.currency),
    emcf_tax_minor: minor(theirs.tax, row.currency),
  })
  const totals = ourTotals(row)
  if (
    minor(theirs.total, row.currency) !== row.total_minor ||
    minor(theirs.tax, row.currency) !== row.tax_minor
  ) {
    await device.cancel(uid).catch((error) => {
      // Already gone (expired): nothing pending to cancel.
      if (!(error instanceof FiscalDeviceError && error.kind === 'not_found')) throw error
    })
    await update(row, {
      status: 'failed',
      uid: null,
      error_code: 'E_TOTALS_MISMATCH',
      error_message: `e-MCF ${theirs.total} / ${theirs.tax}, ours ${totals.total} / ${totals.tax}`,
    })
    return
  }
  await store(row, await device.confirm(uid, totals))
}

/** The pending invoice the device holds under our number, found after a run died between POST and its answer. */
async function findOurPending(device: FiscalDevice, number: string) {
  for (const entry of (await device.status()).pending) {
    const found = await device.find(entry.uid)
    if (found && !isSignature(found) && found.rn === number) return found
  }
  return null
}

async function normaliseOne(
  device: FiscalDevice,
  row: NormalisationRow,
  settings: DeviceRow,
  client: TransactionClientContract
) {
  if (row.status === 'posted' && row.uid) {
    const found = await device.find(row.uid)
    if (found && isSignature(found)) return store(row, found)
    if (found) return settle(device, row, found.uid, found.totals)
    // Expired or cancelled on the device: sent again below.
    await update(row, { status: 'awaiting', uid: null })
  }
  if (row.attempts > 0) {
    const orphan = await findOurPending(device, row.number)
    if (orphan) return settle(device, row, orphan.uid, orphan.totals)
  }
  if ((await device.status()).pending.length >= MAX_PENDING)
    throw new FiscalDeviceError('full', 'The device holds ten pending invoices')

  const document = await invoicingQueries.documentForFiscal(
    row.organization_id,
    row.document_id,
    client
  )
  if (!document) return update(row, { status: 'failed', error_code: 'E_DOCUMENT_MISSING' })
  const credited = row.credited_document_id
    ? await client
        .from('fiscal.normalisations')
        .where({ organization_id: row.organization_id, document_id: row.credited_document_id })
        .select('dgi_code')
        .first()
    : null
  let invoice
  try {
    invoice = await fiscalInvoiceOf(document, {
      organizationId: row.organization_id,
      operatorName:
        settings.operator_name ??
        (await organizations.find(row.organization_id, client))?.name ??
        'IA-Solution',
      creditedDgiCode: credited?.dgi_code ?? null,
      client,
    })
  } catch (error) {
    if (!(error instanceof InvoiceNotNormalisable)) throw error
    return update(row, {
      status: 'failed',
      error_code: error.code,
      error_message: JSON.stringify(error.data),
    })
  }
  await update(row, { attempts: row.attempts + 1 })
  const pending = await device.submit(invoice)
  await settle(device, row, pending.uid, pending.totals)
}

/**
 * Normalises the organisation's awaiting invoices and credit notes one at a time, in the order they
 * were issued, one run per device at a time (a transaction lock). A pending invoice left by a run that
 * died is found again (by its uid, else by our number among the device's pending ones) and completed
 * or cancelled, never sent twice. When the device is down, full or refuses the token, the run stops
 * where it is and queues itself again later, however long it takes; what the device refuses, and
 * totals that differ from ours, fail that invoice alone with the reason.
 */
export async function normaliseDevice({ organizationId }: NormalisePayload, context: JobContext) {
  const client = context.client
  await client.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [`fiscal:${organizationId}`])
  const settings = await deviceRow(organizationId, client)
  if (!settings?.enabled) return
  const rows: NormalisationRow[] = await client
    .from('fiscal.normalisations')
    .where('organization_id', organizationId)
    .whereIn('status', ['awaiting', 'posted'])
    .orderBy('sequence')
  if (!rows.length) return
  const device = fiscalDeviceOf(settings)
  const devices = client.from('fiscal.devices').where('organization_id', organizationId)
  try {
    for (const [index, row] of rows.entries()) {
      try {
        await normaliseOne(device, row, settings, client)
      } catch (error) {
        // What the device refuses fails this invoice alone, with the device's reason.
        if (!(error instanceof FiscalDeviceError && error.kind === 'rejected')) throw error
        await update(row, {
          status: 'failed',
          error_code: 'E_DEVICE_REJECTED',
          error_message: `${error.deviceCode ?? ''} ${error.message}`.trim().slice(0, 1000),
        })
      }
      await context.progress(Math.round(((index + 1) * 100) / rows.length))
    }
    await devices.update({ retry_count: 0, next_attempt_at: null, last_error: null })
  } catch (error) {
    if (!(error instanceof FiscalDeviceError)) throw error
    const retryCount = settings.retry_count + 1
    const delayMs = retryDelayMs(retryCount)
    await devices.update({
      retry_count: retryCount,
      next_attempt_at: DateTime.now().plus({ milliseconds: delayMs }).toJSDate(),
      last_error: `${error.kind}: ${error.message}`.slice(0, 1000),
    })
    await jobs.dispatch<NormalisePayload>(
      NORMALISE_JOB,
      { organizationId },
      { client, organizationId, delayMs }
    )
  }
}

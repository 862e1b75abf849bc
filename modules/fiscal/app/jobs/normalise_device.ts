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

/** Posts of one invoice before giving up: each expired on the device before its confirmation. */
export const MAX_POSTS = 5

/** Waits between two tries while the device is unreachable, full or refuses the token: 30 s doubling up to 30 min, for as long as it takes. */
export function retryDelayMs(retryCount: number) {
  return Math.min(30_000 * 2 ** Math.max(retryCount - 1, 0), 30 * 60_000)
}

/** A stored normalisation, as the job reads it. */
export type NormalisationRow = {
  id: string
  organization_id: string
  document_id: string
  number: string
  credited_document_id: string | null
  status: 'awaiting' | 'posted' | 'normalised' | 'failed'
  uid: string | null
  currency: string
  total_minor: string
  tax_minor: string
  attempts: number
}

/** One run of a device queue: its transaction, its device and settings. */
type Run = { client: TransactionClientContract; device: FiscalDevice; settings: DeviceRow }

/** What happened to a row in a run: `posted` ends the run, so that the uid is committed before anything else. */
type Outcome = 'done' | 'posted'

async function update(run: Run, row: NormalisationRow, values: Record<string, unknown>) {
  await run.client
    .from('fiscal.normalisations')
    .where({ id: row.id, organization_id: row.organization_id })
    .update({ ...values, updated_at: new Date() })
  Object.assign(row, values)
}

const minor = (amount: string, currency: string) => toMinorUnits(amount, currency).toString()

const ourTotals = (row: NormalisationRow): FiscalTotals => ({
  total: fromMinorUnits(row.total_minor, row.currency),
  tax: fromMinorUnits(row.tax_minor, row.currency),
})

async function store(run: Run, row: NormalisationRow, signature: FiscalSignature) {
  await update(run, row, {
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
async function settle(run: Run, row: NormalisationRow, uid: string, theirs: FiscalTotals) {
  const values = {
    emcf_total_minor: minor(theirs.total, row.currency),
    emcf_tax_minor: minor(theirs.tax, row.currency),
  }
  if (values.emcf_total_minor !== row.total_minor || values.emcf_tax_minor !== row.tax_minor) {
    await run.device.cancel(uid).catch((error) => {
      // Already gone (expired): nothing pending to cancel.
      if (!(error instanceof FiscalDeviceError && error.kind === 'not_found')) throw error
    })
    const ours = ourTotals(row)
    await update(run, row, {
      ...values,
      status: 'failed',
      uid: null,
      error_code: 'E_TOTALS_MISMATCH',
      error_message: `e-MCF ${theirs.total} / ${theirs.tax}, ours ${ours.total} / ${ours.tax}`,
    })
    return
  }
  await update(run, row, values)
  await store(run, row, await run.device.confirm(uid, ourTotals(row)))
}

/** The pending invoice the device holds under our number: a run that died after its POST left it there. */
async function findOurPending(
  device: FiscalDevice,
  pending: Array<{ uid: string }>,
  number: string
) {
  for (const entry of pending) {
    const found = await device.find(entry.uid)
    if (found && !isSignature(found) && found.rn === number) return found
  }
  return null
}

async function normaliseOne(run: Run, row: NormalisationRow): Promise<Outcome> {
  const { device, client } = run
  if (row.status === 'posted' && row.uid) {
    const found = await device.find(row.uid)
    if (found && isSignature(found)) {
      await store(run, row, found)
      return 'done'
    }
    if (found) {
      await settle(run, row, found.uid, found.totals)
      return 'done'
    }
    // Expired or cancelled on the device: sent again below.
    await update(run, row, { status: 'awaiting', uid: null })
  }
  const { pending } = await device.status()
  const orphan = await findOurPending(device, pending, row.number)
  if (orphan) {
    await settle(run, row, orphan.uid, orphan.totals)
    return 'done'
  }
  if (row.attempts >= MAX_POSTS) {
    await update(run, row, { status: 'failed', error_code: 'E_DEVICE_EXPIRED' })
    return 'done'
  }
  if (pending.length >= MAX_PENDING)
    throw new FiscalDeviceError('full', 'The device holds ten pending invoices')

  const document = await invoicingQueries.documentForFiscal(
    row.organization_id,
    row.document_id,
    client
  )
  if (!document) {
    await update(run, row, { status: 'failed', error_code: 'E_DOCUMENT_MISSING' })
    return 'done'
  }
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
        run.settings.operator_name ??
        (await organizations.find(row.organization_id, client))?.name ??
        'IA-Solution',
      creditedDgiCode: credited?.dgi_code ?? null,
      client,
    })
  } catch (error) {
    if (!(error instanceof InvoiceNotNormalisable)) throw error
    await update(run, row, {
      status: 'failed',
      error_code: error.code,
      error_message: JSON.stringify(error.data),
    })
    return 'done'
  }
  const posted = await device.submit(invoice)
  await update(run, row, { status: 'posted', uid: posted.uid, attempts: row.attempts + 1 })
  return 'posted'
}

/**
 * Normalises the organisation's awaiting invoices and credit notes in the order they were issued, one
 * run per device at a time (a transaction lock). A run confirms what it finds pending and sends at
 * most one invoice, then ends, so the uid the device gave is committed before the next step; the next
 * run (queued at once) compares the totals and confirms. A run that died after its POST left the
 * invoice pending on the device: the next one finds it by our number and completes or cancels it,
 * never sends it twice. When the device is down, full or refuses the token, the run stops where it is
 * and queues itself again later, however long it takes; what the device refuses, and totals that
 * differ from ours, fail that invoice alone with the reason.
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
  const run: Run = { client, device: fiscalDeviceOf(settings), settings }
  const devices = () => client.from('fiscal.devices').where('organization_id', organizationId)
  const again = (delayMs: number) =>
    jobs.dispatch<NormalisePayload>(
      NORMALISE_JOB,
      { organizationId },
      { client, organizationId, delayMs }
    )
  try {
    for (const row of rows) {
      let outcome: Outcome = 'done'
      try {
        outcome = await normaliseOne(run, row)
      } catch (error) {
        // What the device refuses fails this invoice alone, with the device's reason.
        if (!(error instanceof FiscalDeviceError && error.kind === 'rejected')) throw error
        await update(run, row, {
          status: 'failed',
          uid: null,
          error_code: 'E_DEVICE_REJECTED',
          error_message: `${error.deviceCode ?? ''} ${error.message}`.trim().slice(0, 1000),
        })
      }
      if (outcome === 'posted') {
        await again(0)
        break
      }
    }
    await devices().update({ retry_count: 0, next_attempt_at: null, last_error: null })
  } catch (error) {
    if (!(error instanceof FiscalDeviceError)) throw error
    const retryCount = settings.retry_count + 1
    const delayMs = retryDelayMs(retryCount)
    await devices().update({
      retry_count: retryCount,
      next_attempt_at: DateTime.now().plus({ milliseconds: delayMs }).toJSDate(),
      last_error: `${error.kind}: ${error.message}`.slice(0, 1000),
    })
    await again(delayMs)
  }
}

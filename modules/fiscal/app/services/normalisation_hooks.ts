import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import QRCode from 'qrcode'
import { convertAmount, jobs, toMinorUnits, type EventMeta } from '@ia/kernel/contracts'
import { currenciesService } from '@ia/currencies/contracts'
import {
  invoicingQueries,
  type CreditNoteIssued,
  type HookedDocument,
  type InvoiceIssued,
  type PrintMarks,
} from '@ia/invoicing/contracts'
import { deviceRow } from './devices.ts'
import { amountInFrenchWords } from './amount_in_words.ts'
import { fiscalErrors } from '../errors.ts'
import { NORMALISE_JOB, type NormalisePayload } from '../jobs/normalise_device.ts'

/**
 * Queues an issued invoice or credit note for normalisation when its organisation has it on: one
 * row per document (a redelivered event adds nothing), then a run of the device queue.
 */
export async function queueNormalisation(facts: InvoiceIssued | CreditNoteIssued, meta: EventMeta) {
  const settings = await deviceRow(meta.organizationId, meta.client)
  if (!settings?.enabled) return
  const now = new Date()
  await meta.client
    .table('fiscal.normalisations')
    .insert({
      organization_id: meta.organizationId,
      document_id: facts.documentId,
      document_kind: 'creditedDocumentId' in facts ? 'credit_note' : 'invoice',
      number: facts.number,
      credited_document_id: 'creditedDocumentId' in facts ? facts.creditedDocumentId : null,
      status: 'awaiting',
      currency: facts.currency,
      total_minor: toMinorUnits(facts.total, facts.currency).toString(),
      tax_minor: toMinorUnits(facts.tax, facts.currency).toString(),
      created_at: now,
      updated_at: now,
    })
    .onConflict(['organization_id', 'document_id'])
    .ignore()
  await jobs.dispatch<NormalisePayload>(
    NORMALISE_JOB,
    { organizationId: meta.organizationId },
    { client: meta.client, organizationId: meta.organizationId }
  )
}

async function normalisationOf(document: HookedDocument, client: QueryClientContract) {
  return client
    .from('fiscal.normalisations')
    .where({ organization_id: document.organizationId, document_id: document.documentId })
    .first()
}

/**
 * The send gate: an invoice or credit note issued while normalisation is on leaves only once the DGI
 * has signed it.
 */
export async function refuseUnnormalised(document: HookedDocument, client: QueryClientContract) {
  if (document.kind === 'quote') return
  const settings = await deviceRow(document.organizationId, client)
  if (!settings?.enabled || !settings.enabled_at) return
  if (document.issuedAt && document.issuedAt < new Date(settings.enabled_at)) return
  const normalisation = await normalisationOf(document, client)
  if (normalisation?.status !== 'normalised') throw fiscalErrors.awaitingNormalisation()
}

/** The other currency of a DR Congo invoice (CDF <-> USD) with the rate of its date, or null without a rate. */
async function equivalentOf(
  organizationId: string,
  document: NonNullable<Awaited<ReturnType<typeof invoicingQueries.documentForFiscal>>>,
  locale: 'fr' | 'en',
  client: QueryClientContract
) {
  const other = document.currency === 'CDF' ? 'USD' : 'CDF'
  try {
    const rate = await currenciesService.rateAt(
      organizationId,
      document.currency,
      other,
      document.issueDate,
      {
        client,
      }
    )
    const amount = convertAmount(document.total, rate.rate, other)
    const numbers = locale === 'fr' ? 'fr-CD' : 'en'
    return i18nManager.locale(locale).t('fiscal.pdf.equivalent', {
      amount: new Intl.NumberFormat(numbers, { style: 'currency', currency: other }).format(
        amount as unknown as number
      ),
      from: document.currency,
      rate: new Intl.NumberFormat(numbers, { maximumFractionDigits: 6 }).format(
        rate.rate as unknown as number
      ),
      to: other,
      date: rate.date,
    })
  } catch {
    return null
  }
}

/** The DGI's security elements printed on a normalised invoice or credit note. */
export async function normalisedMarks(
  document: HookedDocument,
  locale: 'fr' | 'en',
  client: QueryClientContract = db.connection()
): Promise<PrintMarks | null> {
  if (document.kind === 'quote') return null
  const normalisation = await normalisationOf(document, client)
  if (normalisation?.status !== 'normalised') return null
  const facts = await invoicingQueries.documentForFiscal(
    document.organizationId,
    document.documentId,
    client
  )
  if (!facts) return null
  const t = (key: string) => i18nManager.locale(locale).t(`fiscal.pdf.${key}`)
  const sentence =
    document.kind === 'credit_note'
      ? 'Arrêté le présent avoir à la somme de'
      : 'Arrêté la présente facture à la somme de'
  return {
    title: t('title'),
    qrPng: new Uint8Array(
      await QRCode.toBuffer(normalisation.qr_content, { type: 'png', margin: 1, width: 240 })
    ),
    lines: [
      { label: 'CODE DEF/DGI', value: normalisation.dgi_code },
      { label: 'DEF NIM', value: normalisation.nim },
      { label: 'DEF Compteurs', value: normalisation.counters },
      { label: 'DEF Heure', value: normalisation.dgi_date_time },
    ],
    // The DGI requires the total in words in French, whatever the language of the document.
    amountInWords: `${sentence} ${amountInFrenchWords(facts.total, facts.currency)}.`,
    equivalent: await equivalentOf(document.organizationId, facts, locale, client),
  }
}

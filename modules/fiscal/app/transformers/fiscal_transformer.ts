import { defineSerializer, fromMinorUnits, Type, wire } from '@ia/kernel/contracts'

/** A timestamp column as ISO 8601, or null. */
const iso = (value: Date | string | null | undefined) =>
  value ? new Date(value).toISOString() : null
import type { DeviceRow } from '../services/devices.ts'

/** The organisation's fiscal device settings, never the token (the `FiscalDevice` schema). */
export const serializeDevice = defineSerializer(
  'FiscalDeviceSettings',
  Type.Object({
    configured: Type.Boolean(),
    enabled: Type.Boolean(),
    environment: Type.String({ description: 'test or production' }),
    baseUrl: wire.text('The e-MCF API base'),
    nif: wire.text('The taxpayer’s NIF'),
    isf: wire.text('The device identifier (ISF)'),
    operatorName: wire.text('The operator name sent with each invoice'),
    hasToken: Type.Boolean({ description: 'A token is stored (it is never answered)' }),
    enabledAt: wire.dateTimeOrNull('When normalisation was switched on'),
    retryCount: Type.Integer({
      description: 'Failed tries in a row while the e-MCF is unreachable',
    }),
    nextAttemptAt: wire.dateTimeOrNull('When the queue is tried again'),
    lastError: wire.text('Why the last try stopped, or null'),
  }),
  (row: DeviceRow | null) => ({
    configured: Boolean(row),
    enabled: row?.enabled ?? false,
    environment: row?.environment ?? 'test',
    baseUrl: row?.base_url ?? null,
    nif: row?.nif ?? null,
    isf: row?.isf ?? null,
    operatorName: row?.operator_name ?? null,
    hasToken: Boolean(row?.token_encrypted),
    enabledAt: iso(row?.enabled_at ?? null),
    retryCount: row?.retry_count ?? 0,
    nextAttemptAt: iso(row?.next_attempt_at ?? null),
    lastError: row?.last_error ?? null,
  })
)

/** What the e-MCF said about itself when checked (the `FiscalDeviceStatus` schema). */
export const serializeDeviceStatus = defineSerializer(
  'FiscalDeviceStatus',
  Type.Object({
    nif: Type.String(),
    nim: wire.text('The device number (NIM)'),
    serverDateTime: wire.text('The e-MCF’s clock'),
    pendingCount: Type.Integer({
      description: 'Invoices the device holds unconfirmed (ten at most)',
    }),
  }),
  (status: {
    nif: string
    nim: string | null
    serverDateTime: string | null
    pending: unknown[]
  }) => ({
    nif: status.nif,
    nim: status.nim,
    serverDateTime: status.serverDateTime,
    pendingCount: status.pending.length,
  })
)

type NormalisationInput = {
  id: string
  document_id: string
  document_kind: string
  number: string
  status: string
  currency: string
  total_minor: string
  tax_minor: string
  emcf_total_minor: string | null
  emcf_tax_minor: string | null
  error_code: string | null
  error_message: string | null
  attempts: number
  dgi_code: string | null
  qr_content: string | null
  counters: string | null
  nim: string | null
  dgi_date_time: string | null
  normalised_at: Date | null
  created_at: Date
}

const money = (minor: string | null, currency: string) =>
  minor === null ? null : fromMinorUnits(minor, currency)

/** An invoice's or credit note's normalisation (the `Normalisation` schema). */
export const serializeNormalisation = defineSerializer(
  'Normalisation',
  Type.Object({
    id: Type.String({ format: 'uuid' }),
    documentId: Type.String({ format: 'uuid' }),
    documentKind: Type.String({ description: 'invoice or credit_note' }),
    number: Type.String(),
    status: Type.String({ description: 'awaiting, posted, normalised or failed' }),
    currency: Type.String(),
    total: Type.String({ description: 'Our total (decimal string)' }),
    tax: Type.String({ description: 'Our tax (decimal string)' }),
    emcfTotal: wire.text('The e-MCF’s total, when it answered one'),
    emcfTax: wire.text('The e-MCF’s tax, when it answered one'),
    errorCode: wire.text(
      'Why it failed: E_TOTALS_MISMATCH, E_DEVICE_REJECTED, E_CLIENT_NIF_REQUIRED...'
    ),
    errorMessage: wire.text('The details (the e-MCF’s own text)'),
    attempts: Type.Integer(),
    dgiCode: wire.text('CODE DEF/DGI'),
    qrContent: wire.text('The QR code’s content'),
    counters: wire.text('DEF Compteurs'),
    nim: wire.text('DEF NIM'),
    dgiDateTime: wire.text('DEF Heure'),
    normalisedAt: wire.dateTimeOrNull('When the DGI signed it'),
    createdAt: wire.dateTime('When it was queued'),
  }),
  (row: NormalisationInput) => ({
    id: row.id,
    documentId: row.document_id,
    documentKind: row.document_kind,
    number: row.number,
    status: row.status,
    currency: row.currency,
    total: fromMinorUnits(row.total_minor, row.currency),
    tax: fromMinorUnits(row.tax_minor, row.currency),
    emcfTotal: money(row.emcf_total_minor, row.currency),
    emcfTax: money(row.emcf_tax_minor, row.currency),
    errorCode: row.error_code,
    errorMessage: row.error_message,
    attempts: row.attempts,
    dgiCode: row.dgi_code,
    qrContent: row.qr_content,
    counters: row.counters,
    nim: row.nim,
    dgiDateTime: row.dgi_date_time,
    normalisedAt: iso(row.normalised_at),
    createdAt: iso(row.created_at)!,
  })
)

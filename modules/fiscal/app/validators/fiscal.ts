import vine from '@vinejs/vine'
import { FISCAL_ENVIRONMENTS } from '../services/devices.ts'

/** The DGI's NIF: a letter, digits, a letter (A1234567B), as the e-MCF compares it. */
const NIF = /^[A-Z0-9]{6,20}$/

/** The organisation's fiscal device: NIF, device id (ISF), token (only to change it), base URL, on/off. */
export const updateDeviceValidator = vine.create({
  enabled: vine.boolean(),
  environment: vine.enum(FISCAL_ENVIRONMENTS),
  baseUrl: vine
    .string()
    .trim()
    .maxLength(500)
    .url({ require_tld: false, protocols: ['http', 'https'] }),
  nif: vine.string().trim().toUpperCase().regex(NIF),
  isf: vine.string().trim().minLength(1).maxLength(40),
  token: vine.string().trim().minLength(8).maxLength(4000).optional(),
  operatorName: vine.string().trim().maxLength(100).nullable().optional(),
})

/** Filters of the normalisation list. */
export const listNormalisationsValidator = vine.create({
  status: vine.enum(['awaiting', 'posted', 'normalised', 'failed']).optional(),
})

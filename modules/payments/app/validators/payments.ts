import vine from '@vinejs/vine'

const providerId = () => vine.number().withoutDecimals().range([1, 99_999])

/** The gateway account; the secret key may be left out to keep the stored one. */
export const saveSettingsValidator = vine.create({
  baseUrl: vine
    .string()
    .trim()
    .maxLength(500)
    .url({ require_protocol: true, protocols: ['http', 'https'], require_tld: false }),
  publicId: vine.string().trim().minLength(1).maxLength(200),
  merchantId: vine.string().trim().minLength(1).maxLength(200),
  secretKey: vine.string().trim().minLength(16).maxLength(500).optional(),
  enabledProviders: vine.array(providerId()).minLength(1).maxLength(10).distinct(),
  enabled: vine.boolean(),
})

/** Ask a customer's phone to pay an invoice. */
export const createPaymentRequestValidator = vine.create({
  documentId: vine.string().uuid(),
  providerId: providerId(),
  phone: vine.string().trim().minLength(1).maxLength(30),
})

/** The customer's choice on the payment page. */
export const publicPaymentRequestValidator = vine.create({
  providerId: providerId(),
  phone: vine.string().trim().minLength(1).maxLength(30),
})

/** A payment link for an invoice. */
export const paymentLinkValidator = vine.create({
  documentId: vine.string().uuid(),
  locale: vine.enum(['fr', 'en']).optional(),
})

/** Ask for a payout to a supplier's phone. */
export const createPayoutValidator = vine.create({
  beneficiaryName: vine.string().trim().minLength(1).maxLength(200),
  providerId: providerId(),
  phone: vine.string().trim().minLength(1).maxLength(30),
  amount: vine
    .string()
    .trim()
    .regex(/^\d{1,15}(\.\d{1,6})?$/),
  currency: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/),
  reason: vine.string().trim().minLength(1).maxLength(300),
})

/** Pages of a list, newest first. */
export const listValidator = vine.create({
  status: vine.string().trim().maxLength(30).optional(),
  limit: vine.number().withoutDecimals().range([1, 200]).optional(),
})

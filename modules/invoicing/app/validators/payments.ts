import vine from '@vinejs/vine'
import { PAYMENT_METHODS } from '../models/payment.ts'
import { DECIMAL } from './documents.ts'

/** Record money received against one or several invoices of one customer. */
export const recordPaymentValidator = vine.create({
  method: vine.enum(PAYMENT_METHODS),
  reference: vine.string().trim().maxLength(100).nullable().optional(),
  receivedOn: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  currency: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/),
  allocations: vine
    .array(
      vine.object({ documentId: vine.string().uuid(), amount: vine.string().trim().regex(DECIMAL) })
    )
    .minLength(1)
    .maxLength(100),
})

/** Reverse a payment, saying why. */
export const reversePaymentValidator = vine.create({
  reason: vine.string().trim().minLength(1).maxLength(300),
})

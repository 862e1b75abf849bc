import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Infer } from '@vinejs/vine/types'
import Contact from '../models/contact.ts'
import type { createContactValidator, updateContactValidator } from '../validators/contact.ts'
import { contactErrors, isEmailUniqueViolation } from '../errors.ts'

/** A validated new contact. */
export type NewContact = Infer<typeof createContactValidator>

/** A validated change to a contact. */
export type ContactChanges = Infer<typeof updateContactValidator>

/** Who makes a change, for the audit log. */
export type Actor = { userId: string | null; ip: string | null }

/** Every column of a new contact, absent optional fields set to their defaults. */
export function newContactAttributes(input: NewContact) {
  return {
    kind: input.kind,
    name: input.name,
    isCustomer: input.isCustomer ?? false,
    isSupplier: input.isSupplier ?? false,
    email: input.email ?? null,
    phone: input.phone ?? null,
    address: input.address ?? null,
    city: input.city ?? null,
    country: input.country ?? null,
    rccm: input.rccm ?? null,
    idNat: input.idNat ?? null,
    nif: input.nif ?? null,
    preferredCurrency: input.preferredCurrency ?? null,
    preferredLocale: input.preferredLocale ?? null,
    tags: input.tags ?? [],
    notes: input.notes ?? null,
    archivedAt: null,
  }
}

/** Fails with 422 on `email` when another active contact of the current organisation uses it. */
export async function assertEmailFree(
  trx: TransactionClientContract,
  email: string,
  exceptId?: string
) {
  const query = Contact.query({ client: trx })
    .whereRaw('lower(email) = lower(?)', [email])
    .whereNull('archived_at')
  if (exceptId) query.whereNot('id', exceptId)
  if (await query.first()) throw contactErrors.emailTaken()
}

/** Turns a race lost on the unique email index into the same 422 the check gives. */
export function rethrowEmailConflict(error: unknown): never {
  if (isEmailUniqueViolation(error)) throw contactErrors.emailTaken()
  throw error
}

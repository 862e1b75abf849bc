import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'

/** Whether a contact is a company or a person. */
export const CONTACT_KINDS = ['company', 'person'] as const
export type ContactKind = (typeof CONTACT_KINDS)[number]

/** The languages a contact may prefer for the documents sent to them. */
export const CONTACT_LOCALES = ['fr', 'en'] as const
export type ContactLocale = (typeof CONTACT_LOCALES)[number]

/** A customer or supplier of an organisation, company or person. */
export default class Contact extends TenantModel {
  static table = 'contacts.contacts'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare kind: ContactKind

  @column()
  declare name: string

  @column()
  declare isCustomer: boolean

  @column()
  declare isSupplier: boolean

  @column()
  declare email: string | null

  /** E.164, e.g. +243812345678. */
  @column()
  declare phone: string | null

  @column()
  declare address: string | null

  @column()
  declare city: string | null

  /** ISO 3166-1 alpha-2. */
  @column()
  declare country: string | null

  @column()
  declare rccm: string | null

  @column()
  declare idNat: string | null

  @column()
  declare nif: string | null

  /** ISO 4217. */
  @column()
  declare preferredCurrency: string | null

  @column()
  declare preferredLocale: ContactLocale | null

  @column()
  declare tags: string[]

  @column()
  declare notes: string | null

  @column.dateTime()
  declare archivedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}

import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { normalizePhoneNumber } from '@ia/kernel/contracts'

type DemoContact = {
  kind: 'company' | 'person'
  name: string
  isCustomer: boolean
  isSupplier: boolean
  email: string | null
  phone: string
  address: string
  city: string
  rccm?: string
  idNat?: string
  nif?: string
  preferredCurrency: 'CDF' | 'USD'
  tags: string[]
  notes?: string
}

/** Made-up but plausible customers and suppliers of a Congolese SMB. */
const DEMO_CONTACTS: DemoContact[] = [
  {
    kind: 'company',
    name: 'Société Minière du Haut-Katanga SARL',
    isCustomer: true,
    isSupplier: false,
    email: 'achats@smhk.example.cd',
    phone: '0812345678',
    address: '45, avenue Kasa-Vubu, Quartier Makutano',
    city: 'Lubumbashi',
    rccm: 'CD/LSH/RCCM/19-B-01234',
    idNat: '6-128-N12345K',
    nif: 'A1234567B',
    preferredCurrency: 'USD',
    tags: ['mines', 'grand compte'],
    notes: 'Paiement à 30 jours fin de mois.',
  },
  {
    kind: 'company',
    name: 'Brasserie des Grands Lacs SARL',
    isCustomer: true,
    isSupplier: false,
    email: 'comptabilite@bgl.example.cd',
    phone: '+243 99 765 4321',
    address: '12, boulevard Kanyamuhanga',
    city: 'Goma',
    rccm: 'CD/GOM/RCCM/21-B-00457',
    idNat: '5-620-N45678M',
    nif: 'A2345678C',
    preferredCurrency: 'USD',
    tags: ['boissons'],
  },
  {
    kind: 'company',
    name: 'Kin Distribution SARL',
    isCustomer: false,
    isSupplier: true,
    email: 'ventes@kindistribution.example.cd',
    phone: '0851234567',
    address: '8, avenue du Commerce, Gombe',
    city: 'Kinshasa',
    rccm: 'CD/KNG/RCCM/18-B-09876',
    idNat: '01-83-N98765P',
    nif: 'A3456789D',
    preferredCurrency: 'CDF',
    tags: ['fournitures'],
  },
  {
    kind: 'company',
    name: 'Pharmacie Espoir',
    isCustomer: true,
    isSupplier: false,
    email: 'pharmacie.espoir@example.cd',
    phone: '0971234567',
    address: '230, avenue de la Libération, Lingwala',
    city: 'Kinshasa',
    preferredCurrency: 'CDF',
    tags: ['santé'],
  },
  {
    kind: 'company',
    name: 'Transports Katanga Express',
    isCustomer: false,
    isSupplier: true,
    email: 'contact@tke.example.cd',
    phone: '00243 82 555 0101',
    address: '3, route Kipushi',
    city: 'Lubumbashi',
    rccm: 'CD/LSH/RCCM/20-A-00321',
    nif: 'A4567890E',
    preferredCurrency: 'USD',
    tags: ['transport'],
  },
  {
    kind: 'company',
    name: 'Coopérative Agricole du Kivu',
    isCustomer: true,
    isSupplier: true,
    email: null,
    phone: '0901234567',
    address: 'Quartier Himbi',
    city: 'Goma',
    preferredCurrency: 'CDF',
    tags: ['agriculture'],
  },
  {
    kind: 'person',
    name: 'Jean-Pierre Mbuyi Kalala',
    isCustomer: true,
    isSupplier: false,
    email: 'jp.mbuyi@example.cd',
    phone: '0991234567',
    address: '17, avenue Lukusa, Limete',
    city: 'Kinshasa',
    preferredCurrency: 'CDF',
    tags: [],
  },
  {
    kind: 'person',
    name: 'Mireille Nsimba',
    isCustomer: true,
    isSupplier: false,
    email: 'mireille.nsimba@example.cd',
    phone: '+243 84 123 4567',
    address: '5, avenue des Volcans',
    city: 'Goma',
    preferredCurrency: 'USD',
    tags: ['particulier'],
  },
]

/** Adds a handful of demo customers and suppliers to an organisation, marked as sample data, in the caller's transaction. */
export async function seedDemoContacts(organizationId: string, trx: TransactionClientContract) {
  const now = new Date()
  const rows = DEMO_CONTACTS.map((contact) => ({
    organization_id: organizationId,
    kind: contact.kind,
    name: contact.name,
    is_customer: contact.isCustomer,
    is_supplier: contact.isSupplier,
    email: contact.email,
    phone: normalizePhoneNumber(contact.phone),
    address: contact.address,
    city: contact.city,
    country: 'CD',
    rccm: contact.rccm ?? null,
    id_nat: contact.idNat ?? null,
    nif: contact.nif ?? null,
    preferred_currency: contact.preferredCurrency,
    preferred_locale: 'fr',
    tags: contact.tags,
    notes: contact.notes ?? null,
    is_sample: true,
    created_at: now,
    updated_at: now,
  }))
  await trx.insertQuery().table('contacts.contacts').multiInsert(rows)
  return rows.length
}

/** Deletes the organisation's sample contacts (and only them), in the caller's transaction; resolves to how many. */
export async function removeDemoContacts(organizationId: string, trx: TransactionClientContract) {
  const deleted = await trx
    .from('contacts.contacts')
    .where('organization_id', organizationId)
    .where('is_sample', true)
    .delete()
  return Number(deleted)
}

export { signedInOrganization, stubFetch, type FetchCall } from '@ia/sdk/testing'
import type { Contact, ContactImport } from '../src/types'

/** A contact as the API returns it. */
export function contactFixture(overrides: Partial<Contact> = {}): Contact {
  return {
    id: '7',
    kind: 'company',
    name: 'Brasserie du Fleuve',
    isCustomer: true,
    isSupplier: false,
    email: 'achats@fleuve.cd',
    phone: '+243812345678',
    address: '12 avenue du Commerce',
    city: 'Kinshasa',
    country: 'CD',
    rccm: 'CD/KNG/RCCM/24-B-01234',
    idNat: '01-A1234-N56789P',
    nif: 'A1234567B',
    preferredCurrency: 'USD',
    preferredLocale: 'fr',
    tags: ['grossiste', 'boissons'],
    notes: null,
    archivedAt: null,
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-02T10:00:00.000Z',
    ...overrides,
  }
}

/** An import as the API returns it, queued by default. */
export function importFixture(overrides: Partial<ContactImport> = {}): ContactImport {
  return {
    id: 'imp-1',
    jobId: 'job-1',
    status: 'queued',
    fileName: 'clients.csv',
    rows: 4,
    imported: null,
    skipped: null,
    errors: [],
    error: null,
    createdAt: '2025-03-01T10:00:00.000Z',
    finishedAt: null,
    ...overrides,
  }
}

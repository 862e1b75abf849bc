import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  archiveContact,
  contactsExportUrl,
  createContact,
  getContact,
  getContactImport,
  importContacts,
  listContacts,
  previewContactImport,
  unarchiveContact,
  updateContact,
} from '../src/api/contacts'
import { defaultFilters } from '../src/stores/contact-list'
import type { ContactListParams } from '../src/types'
import { contactFixture, importFixture, signedInOrganization, stubFetch } from './helpers'

function params(overrides: Partial<ContactListParams> = {}): ContactListParams {
  return { ...defaultFilters(), perPage: 25, sort: 'name', order: 'asc', ...overrides }
}

function query(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url, 'http://localhost').searchParams)
}

describe('contacts API', () => {
  beforeEach(() => {
    signedInOrganization(42)
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('lists a keyset page under the current organisation with only the filters that are set', async () => {
    const calls = stubFetch(() => ({
      data: [],
      meta: { total: null, perPage: 50, nextCursor: null },
    }))
    await listContacts(
      params({
        cursor: 'eyJhIjoxfQ',
        perPage: 50,
        sort: 'updatedAt',
        order: 'desc',
        q: '  Société Générale ',
        role: 'customer',
      })
    )
    expect(calls).toHaveLength(1)
    expect(calls[0]!.method).toBe('GET')
    expect(calls[0]!.url.split('?')[0]).toBe('/api/v1/orgs/42/contacts')
    expect(query(calls[0]!.url)).toEqual({
      paging: 'cursor',
      cursor: 'eyJhIjoxfQ',
      perPage: '50',
      sort: 'updatedAt',
      order: 'desc',
      q: 'Société Générale',
      role: 'customer',
      archived: 'false',
    })
  })

  it('sends kind, tag and archived=all when asked', async () => {
    const calls = stubFetch(() => ({ data: [], meta: { total: 0, perPage: 25, nextCursor: null } }))
    await listContacts(params({ kind: 'person', tag: 'vip', archived: 'all' }))
    // The first page has no cursor to send.
    expect(query(calls[0]!.url)).not.toHaveProperty('cursor')
    expect(query(calls[0]!.url)).toMatchObject({ kind: 'person', tag: 'vip', archived: 'all' })
    expect(query(calls[0]!.url)).not.toHaveProperty('q')
    expect(query(calls[0]!.url)).not.toHaveProperty('role')
  })

  it('reads one contact and unwraps it', async () => {
    const calls = stubFetch(() => ({ contact: contactFixture() }))
    const contact = await getContact('7')
    expect(calls[0]!.url).toBe('/api/v1/orgs/42/contacts/7')
    expect(contact.name).toBe('Brasserie du Fleuve')
  })

  it('creates with a JSON body after fetching the CSRF cookie', async () => {
    const calls = stubFetch(() => ({ contact: contactFixture() }))
    await createContact({
      kind: 'company',
      name: 'Brasserie du Fleuve',
      isCustomer: true,
      isSupplier: false,
      tags: [],
    })
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET /api/v1/auth/csrf',
      'POST /api/v1/orgs/42/contacts',
    ])
    expect(JSON.parse(String(calls[1]!.body))).toEqual({
      kind: 'company',
      name: 'Brasserie du Fleuve',
      isCustomer: true,
      isSupplier: false,
      tags: [],
    })
  })

  it('updates, archives and unarchives by id', async () => {
    const calls = stubFetch(() => ({ contact: contactFixture() }))
    await updateContact('7', { email: null })
    await archiveContact('7')
    await unarchiveContact('7')
    const writes = calls.filter((call) => !call.url.endsWith('/auth/csrf'))
    expect(writes.map((call) => `${call.method} ${call.url}`)).toEqual([
      'PATCH /api/v1/orgs/42/contacts/7',
      'POST /api/v1/orgs/42/contacts/7/archive',
      'POST /api/v1/orgs/42/contacts/7/unarchive',
    ])
    expect(JSON.parse(String(writes[0]!.body))).toEqual({ email: null })
  })

  it('uploads the CSV as multipart field "file" for the preview and the import', async () => {
    const calls = stubFetch((url) =>
      url.endsWith('/preview') ? { rows: [], valid: 0, invalid: 0 } : { import: importFixture() }
    )
    const file = new File(['name\nBrasserie du Fleuve\n'], 'contacts.csv', { type: 'text/csv' })
    await previewContactImport(file)
    const queued = await importContacts(file)
    expect(queued).toEqual(importFixture())
    const writes = calls.filter((call) => !call.url.endsWith('/auth/csrf'))
    expect(writes.map((call) => call.url)).toEqual([
      '/api/v1/orgs/42/contacts/import/preview',
      '/api/v1/orgs/42/contacts/import',
    ])
    for (const write of writes) {
      expect(write.body).toBeInstanceOf(FormData)
      expect((write.body as FormData).get('file')).toBeInstanceOf(File)
    }
  })

  it('reads an import by id and unwraps it', async () => {
    const calls = stubFetch(() => ({
      import: importFixture({ status: 'completed', imported: 3, skipped: 0 }),
    }))
    const read = await getContactImport('0f6d3c1e-1111-4aaa-8bbb-123456789abc')
    expect(calls[0]!.url).toBe(
      '/api/v1/orgs/42/contacts/imports/0f6d3c1e-1111-4aaa-8bbb-123456789abc'
    )
    expect(read.imported).toBe(3)
  })

  it('builds the export link with the list filters but without paging', () => {
    const url = contactsExportUrl({ ...defaultFilters(), q: 'kin', role: 'supplier', tag: '' })
    expect(url.split('?')[0]).toBe('/api/v1/orgs/42/contacts/export.csv')
    expect(query(url)).toEqual({ q: 'kin', role: 'supplier', archived: 'false' })
  })

  it('follows the organisation switch', async () => {
    const calls = stubFetch(() => ({ contact: contactFixture() }))
    signedInOrganization(99)
    await getContact('7')
    expect(calls[0]!.url).toBe('/api/v1/orgs/99/contacts/7')
  })
})

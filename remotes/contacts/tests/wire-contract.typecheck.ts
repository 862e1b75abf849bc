/*
 * The wire contract holds at typecheck: each call below is wrong, and `vue-tsc --noEmit` (the first
 * step of this package's `test`) fails unless every one of them is a type error, because an unused
 * `@ts-expect-error` is itself an error. Never run: the function is only type-checked.
 */
import { useApi } from '@ia/sdk'
import type { ModulePermissions } from '@ia/sdk'
import type { Contact } from '../src/types'

/** Calls the contacts API in every wrong way a remote could. */
export async function callTheApiWrongly(contact: Contact) {
  const api = useApi()

  // @ts-expect-error: no such route
  await api.get('/contacts/{contactId}/invoices', { path: { contactId: contact.id } })

  // @ts-expect-error: the route has no DELETE
  await api.delete('/contacts')

  // @ts-expect-error: `kind` is company or person
  await api.post('/contacts', { body: { kind: 'shop', name: 'Kin Marché' } })

  await api.post('/contacts', {
    // @ts-expect-error: the body has no `fullName`
    body: { kind: 'company', name: 'Kin Marché', fullName: 'Kin Marché' },
  })

  // @ts-expect-error: a create needs its body
  await api.post('/contacts')

  // @ts-expect-error: the path parameter is missing
  await api.get('/contacts/{contactId}')

  // @ts-expect-error: the list's query has no `colour`
  await api.get('/contacts', { query: { colour: 'red' } })

  // @ts-expect-error: module.json declares no such permission
  void ('contacts.contact.delete' satisfies ModulePermissions['contacts'])

  const { contact: answered } = await api.get('/contacts/{contactId}', {
    path: { contactId: contact.id },
  })
  // @ts-expect-error: a contact has no `fullName`
  return answered.fullName
}

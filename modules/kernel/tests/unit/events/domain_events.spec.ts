import { test } from '@japa/runner'
import { defineEvents, eventListMismatches, payload } from '../../../events/domain_events.ts'

test.group('Domain events / defineEvents', () => {
  test('keeps the declared names, in order', ({ assert }) => {
    const declared = defineEvents('ledger', {
      'ledger.entry.posted': payload<{ entryId: string }>(),
      'ledger.entry.reversed': payload<{ entryId: string }>(),
    })
    assert.deepEqual(declared, {
      moduleId: 'ledger',
      names: ['ledger.entry.posted', 'ledger.entry.reversed'],
    })
  })

  test('refuses a name of another module or not shaped <module>.<resource>.<verb-ed>', ({
    assert,
  }) => {
    assert.throws(
      () => defineEvents('ledger', { 'contacts.contact.created': payload<{}>() }),
      /must be named "ledger\.<resource>\.<verb-ed>"/
    )
    assert.throws(() => defineEvents('ledger', { 'ledger.posted': payload<{}>() }), /must be named/)
    assert.throws(
      () => defineEvents('ledger', { 'ledger.Entry.posted': payload<{}>() }),
      /must be named/
    )
  })
})

test.group('Domain events / module.json against the contracts', () => {
  const declared = defineEvents('ledger', { 'ledger.entry.posted': payload<{ entryId: string }>() })

  test('the same names both sides: nothing to say', ({ assert }) => {
    assert.deepEqual(eventListMismatches('ledger', ['ledger.entry.posted'], declared), [])
    assert.deepEqual(eventListMismatches('ledger', [], undefined), [])
  })

  test('names each event missing on one side', ({ assert }) => {
    assert.deepEqual(
      eventListMismatches('ledger', ['ledger.entry.posted', 'ledger.entry.deleted'], declared),
      [
        'module "ledger": event "ledger.entry.deleted" is in module.json but not declared in its contracts (defineEvents)',
      ]
    )
    assert.deepEqual(eventListMismatches('ledger', [], declared), [
      'module "ledger": event "ledger.entry.posted" is declared in its contracts but missing from module.json\'s events.publishes',
    ])
    assert.lengthOf(eventListMismatches('ledger', ['ledger.entry.posted'], undefined), 1)
  })

  test("refuses a provider declaring another module's events", ({ assert }) => {
    assert.deepEqual(eventListMismatches('billing', ['ledger.entry.posted'], declared), [
      'module "billing": its provider declares the events of module "ledger"',
    ])
  })
})

import { test } from '@japa/runner'
import { contactsEvents } from '../../contracts/events.ts'

test.group('Contacts events contract', () => {
  test('declares exactly what module.json publishes', async ({ assert }) => {
    const { default: manifest } = await import('../../module.json', { with: { type: 'json' } })
    assert.deepEqual([...contactsEvents.names].sort(), [...manifest.events.publishes].sort())
  })
})

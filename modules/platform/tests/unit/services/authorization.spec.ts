import { test } from '@japa/runner'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '../../../contracts/authorization.ts'

test.group('authorize', () => {
  test('refuses a permission no module.json declares, before asking any policy', async ({
    assert,
  }) => {
    const ctx = {} as HttpContext
    await assert.rejects(
      () => authorize(ctx, 'probe.note.destroy'),
      /"probe.note.destroy" is not declared/
    )
  })

  test('asks the policy for a declared permission', async ({ assert }) => {
    const asked: unknown[] = []
    const ctx = {
      membership: { role: 'member' },
      bouncer: { authorize: async (...args: unknown[]) => asked.push(args) },
    } as unknown as HttpContext
    await authorize(ctx, 'probe.note.read')
    assert.lengthOf(asked, 1)
  })
})

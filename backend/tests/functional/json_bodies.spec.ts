import { test } from '@japa/runner'
import { safeStringify } from '@poppinss/utils/json'
import { http } from '#config/app'

test.group('JSON bodies', () => {
  test("are what the framework's serializer writes, bigints and circular references included", ({
    assert,
  }) => {
    const circular: Record<string, unknown> = {
      name: 'Société Générale',
      at: new Date(0),
      none: undefined,
      nan: Number.NaN,
      lone: '\ud800',
    }
    circular.self = circular
    const values = [
      { data: [{ id: 'a', amount: 1234, tags: ['x'], archivedAt: null }], meta: { total: 1 } },
      { total: 12345678901234567890n, lines: [{ minor: 5n }] },
      circular,
    ]
    for (const value of values) assert.equal(http.serializeJSON(value), safeStringify(value))
    assert.equal(http.serializeJSON({ total: 5n }), '{"total":"5"}')
  })
})

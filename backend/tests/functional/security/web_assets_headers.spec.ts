import { test } from '@japa/runner'

test.group('Security / shell and remote files', () => {
  test('the shell page and remote files forbid framing and carry the Content Security Policy', async ({
    client,
    assert,
  }) => {
    for (const path of ['/', '/contacts', '/remotes/contacts/remoteEntry.js']) {
      const response = await client.get(path)
      const policy = response.header('content-security-policy') ?? ''
      assert.include(policy, "frame-ancestors 'none'", path)
      assert.include(policy, "script-src 'self'", path)
      assert.notInclude(policy, 'unsafe-eval', path)
      assert.equal(response.header('x-frame-options'), 'DENY', path)
      assert.equal(response.header('x-content-type-options'), 'nosniff', path)
    }
  })

  test("a public page whose token ends like a file name is still the shell's page; a missing file is a 404", async ({
    client,
    assert,
  }) => {
    const page = await client.get('/public/payments/eyJtZXNzYWdl.a1B2c3')
    assert.notEqual(page.status(), 404)
    assert.notEqual(page.text(), 'Not found')
    const missing = await client.get('/contacts/missing-file.js')
    missing.assertStatus(404)
  })
})

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
})

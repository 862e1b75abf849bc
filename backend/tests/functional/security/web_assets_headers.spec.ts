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

test.group('Web assets / the marketplace paths', () => {
  test('the marketplace pages are the shell page; its file and signature routes stay the API', async ({
    client,
    assert,
  }) => {
    for (const path of ['/marketplace', '/marketplace/installed', '/marketplace/vendor']) {
      const response = await client.get(path)
      response.assertStatus(200)
      assert.include(response.header('content-type') ?? '', 'text/html', path)
    }
    for (const path of [
      '/marketplace/files/acme-unknown/1.0.0/remoteEntry.js',
      '/marketplace/signatures/acme-unknown/1.0.0',
    ]) {
      const response = await client.get(path)
      response.assertStatus(404)
      assert.include(response.header('content-type') ?? '', 'json', path)
    }
  })
})

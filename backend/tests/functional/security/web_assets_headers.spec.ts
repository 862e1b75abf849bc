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

  test("a module's public page opens whatever its token ends with; a missing file is still a 404", async ({
    assert,
    client,
  }) => {
    // The token's last part can read like an extension (`.vZ8DI2lwsVW0s3aEvVm2tg`): the shell's page answers.
    const page = await client.get('/public/invoicing/gcm.v1%3Aabc.def.vZ8DI2lwsVW0s3aEvVm2tg')
    assert.notEqual(page.status(), 404)
    const [shellPage, missing] = await Promise.all([
      client.get('/contacts'),
      client.get('/no-such-file.js'),
    ])
    assert.equal(page.status(), shellPage.status(), 'the same answer as any page of the shell')
    missing.assertStatus(404)
  })
})

test.group('Web assets / the marketplace paths', () => {
  test('the marketplace pages are the shell page; its file, signature and frame routes stay the API', async ({
    client,
    assert,
  }) => {
    // The shell's page answers as for any page of the shell (503 before the shell is built).
    const shellPage = await client.get('/contacts')
    for (const path of ['/marketplace', '/marketplace/installed', '/marketplace/vendor']) {
      const response = await client.get(path)
      assert.equal(response.status(), shellPage.status(), path)
      assert.equal(response.text(), shellPage.text(), path)
    }
    for (const path of [
      '/marketplace/files/acme-unknown/1.0.0/remoteEntry.js',
      '/marketplace/signatures/acme-unknown/1.0.0',
      '/marketplace/frame/acme-unknown/1.0.0',
    ]) {
      const response = await client.get(path)
      response.assertStatus(404)
      assert.include(response.header('content-type') ?? '', 'json', path)
    }
  })
})

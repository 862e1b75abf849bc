import { test } from '@japa/runner'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { Disk } from '@adonisjs/drive'
import { S3Driver } from '@adonisjs/drive/drivers/s3'
import S3rver from 's3rver'
import { files } from '../../../contracts/files.ts'
import { DomainError } from '@ia/kernel/contracts'
import { FileStorage, s3DriverOptions } from '../../../app/services/file_storage.ts'
import Organization from '../../../app/models/organization.ts'
import { createOwnerWithOrganization } from '../../helpers.ts'

/** The smallest valid PNG (1x1, transparent). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64'
)
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'
)

/** A port nothing listens on. */
async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** The URL's path and query, for the test client (which knows the host). */
const local = (url: string) => {
  const parsed = new URL(url, 'http://localhost')
  return parsed.pathname + parsed.search
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

test.group('Files / local disk', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('stores under the organisation and serves the bytes through a signed URL', async ({
    assert,
  }) => {
    const { organization } = await createOwnerWithOrganization()
    const stored = await files.put(organization.id, 'platform/docs/report.pdf', PDF, {
      contentType: 'application/pdf',
    })
    assert.equal(stored.key, `orgs/${organization.id}/platform/docs/report.pdf`)
    assert.equal(stored.size, PDF.length)

    const url = await files.signedUrl(organization.id, 'platform/docs/report.pdf')
    assert.match(
      url,
      new RegExp(`^/api/v1/files/orgs/${organization.id}/platform/docs/report\\.pdf\\?`)
    )
    const response = await fetch(`http://${process.env.HOST}:${process.env.PORT}${url}`)
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-type'), 'application/pdf')
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
    assert.include(response.headers.get('content-security-policy'), 'sandbox')
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), PDF)

    const streamed = await files.put(
      organization.id,
      'platform/docs/streamed.pdf',
      Readable.from([PDF]),
      { contentType: 'application/pdf' }
    )
    assert.equal(streamed.size, PDF.length)
    assert.deepEqual(
      Buffer.from((await files.get(organization.id, 'platform/docs/streamed.pdf'))!),
      PDF
    )
  })

  test('a tampered, unsigned or expired URL is 403; a deleted file is 404', async ({
    client,
    assert,
  }) => {
    const { organization } = await createOwnerWithOrganization()
    const other = await createOwnerWithOrganization()
    await files.put(organization.id, 'platform/a.pdf', PDF, { contentType: 'application/pdf' })
    await files.put(other.organization.id, 'platform/a.pdf', PDF, {
      contentType: 'application/pdf',
    })
    const url = local(await files.signedUrl(organization.id, 'platform/a.pdf', { expiresIn: 1 }))

    // Same path in another organisation: the signature covers the key, so it does not open the other file.
    const crossed = await client.get(url.replace(organization.id, other.organization.id))
    crossed.assertStatus(403)
    crossed.assertBodyContains({
      errors: [
        {
          code: 'E_FILE_LINK_INVALID',
          message: "Ce lien de fichier a expiré ou n'est pas valide.",
        },
      ],
    })
    const badSignature = await client.get(url.replace(/signature=([^&]{4})/, 'signature=AAAA'))
    badSignature.assertStatus(403)
    const unsigned = await client.get(url.split('?')[0])
    unsigned.assertStatus(403)
    const english = await client.get(url.split('?')[0]).header('accept-language', 'en')
    english.assertBodyContains({
      errors: [{ message: 'This file link has expired or is not valid.' }],
    })

    ;(await client.get(url)).assertStatus(200)
    await sleep(1100)
    const expired = await client.get(url)
    expired.assertStatus(403)

    const fresh = local(await files.signedUrl(organization.id, 'platform/a.pdf'))
    await files.delete(organization.id, 'platform/a.pdf')
    ;(await client.get(fresh)).assertStatus(404)
    assert.isFalse(await files.exists(organization.id, 'platform/a.pdf'))
    assert.isTrue(
      await files.exists(other.organization.id, 'platform/a.pdf'),
      "the other organisation's file is untouched"
    )
  })

  test('no path can name a file outside its organisation', async ({ assert }) => {
    const { organization } = await createOwnerWithOrganization()
    const other = await createOwnerWithOrganization()
    await files.put(other.organization.id, 'platform/secret.pdf', PDF, {
      contentType: 'application/pdf',
    })
    const attempts = [
      `../${other.organization.id}/platform/secret.pdf`,
      `platform/../../${other.organization.id}/platform/secret.pdf`,
      `/orgs/${other.organization.id}/platform/secret.pdf`,
      'platform/./secret.pdf',
      'secret.pdf',
      'platform/',
      'platform\\..\\x.pdf',
    ]
    for (const path of attempts) {
      await assert.rejects(() => files.get(organization.id, path), /Invalid file path/)
      await assert.rejects(() => files.signedUrl(organization.id, path), /Invalid file path/)
      await assert.rejects(
        () => files.put(organization.id, path, PDF, { contentType: 'application/pdf' }),
        /Invalid file path/
      )
    }
    await assert.rejects(() => files.get('..', 'platform/secret.pdf'), /Invalid organisation id/)
    assert.isNull(await files.get(organization.id, 'platform/secret.pdf'))
  })

  test('an upload is checked on its size (413) and on the type its bytes say (422)', async ({
    assert,
  }) => {
    const rules = { field: 'document', maxBytes: 1024, types: ['application/pdf', 'image/png'] }
    const png = await files.checkUpload(PNG, rules)
    assert.deepInclude(png, { contentType: 'image/png', extension: 'png', size: PNG.length })

    const tooLarge = await files
      .checkUpload(Buffer.concat([PDF, Buffer.alloc(2048)]), rules)
      .catch((error) => error)
    assert.instanceOf(tooLarge, DomainError)
    assert.deepInclude(tooLarge, {
      code: 'E_FILE_TOO_LARGE',
      status: 413,
      field: 'document',
      data: { max: '1 KB' },
    })

    for (const bytes of [
      Buffer.from('plain text pretending to be a PDF'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]),
    ]) {
      const refused = await files.checkUpload(bytes, rules).catch((error) => error)
      assert.instanceOf(refused, DomainError)
      assert.deepInclude(refused, {
        code: 'E_FILE_TYPE_NOT_ALLOWED',
        status: 422,
        field: 'document',
        data: { types: 'PDF, PNG' },
      })
    }
  })
})

test.group('Files / S3 (s3rver)', (group) => {
  let server: S3rver
  let directory: string
  let storage: FileStorage
  let endpoint: string

  group.setup(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ia-s3rver-'))
    const port = await freePort()
    server = new S3rver({
      port,
      address: '127.0.0.1',
      silent: true,
      directory,
      configureBuckets: [{ name: 'ia-files', configs: [] }],
    })
    await server.run()
    endpoint = `http://127.0.0.1:${port}`
    const options = s3DriverOptions({
      bucket: 'ia-files',
      region: 'us-east-1',
      endpoint,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    })
    storage = new FileStorage(new Disk(new S3Driver(options)), { urlTtlSeconds: 300 })
    return async () => {
      await server.close()
      await rm(directory, { recursive: true, force: true })
    }
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('puts the object under orgs/<id>/ with its type, and a presigned URL reads it until it expires', async ({
    assert,
  }) => {
    const organizationId = randomUUID()
    const stored = await storage.put(organizationId, 'platform/logo.png', PNG, {
      contentType: 'image/png',
    })
    assert.equal(stored.key, `orgs/${organizationId}/platform/logo.png`)
    assert.equal(stored.size, PNG.length)

    const url = await storage.signedUrl(organizationId, 'platform/logo.png', { expiresIn: 1 })
    assert.isTrue(url.startsWith(`${endpoint}/ia-files/orgs/${organizationId}/platform/logo.png?`))
    const served = await fetch(url)
    assert.equal(served.status, 200)
    assert.equal(served.headers.get('content-type'), 'image/png')
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), PNG)

    // s3rver checks a presigned URL's expiry but not its V4 signature: tampering is proven on the local route.
    await sleep(2100)
    assert.equal((await fetch(url)).status, 403, 'expired')
  })

  test('streams, reads back and deletes', async ({ assert }) => {
    const organizationId = randomUUID()
    await storage.put(organizationId, 'contacts/imports/list.pdf', Readable.from([PDF]), {
      contentType: 'application/pdf',
      contentLength: PDF.length,
    })
    assert.deepEqual(
      Buffer.from((await storage.get(organizationId, 'contacts/imports/list.pdf'))!),
      PDF
    )
    assert.isNull(
      await storage.get(randomUUID(), 'contacts/imports/list.pdf'),
      'another organisation has no such file'
    )
    const url = await storage.signedUrl(organizationId, 'contacts/imports/list.pdf')
    await storage.delete(organizationId, 'contacts/imports/list.pdf')
    assert.isFalse(await storage.exists(organizationId, 'contacts/imports/list.pdf'))
    assert.equal((await fetch(url)).status, 404)
  })

  test('the logo goes to S3 and its route redirects to a presigned URL', async ({
    client,
    assert,
    cleanup,
  }) => {
    const configured = await app.container.make('platform.files')
    app.container.bindValue('platform.files', storage)
    cleanup(() => app.container.bindValue('platform.files', configured))
    const { owner, organization } = await createOwnerWithOrganization()
    const uploaded = await client
      .post(`/api/v1/orgs/${organization.id}/logo`)
      .loginAs(owner)
      .file('logo', PNG, { filename: 'logo.jpg' })
      .withCsrfToken()
    uploaded.assertStatus(200)
    const fresh = await Organization.findOrFail(organization.id)
    assert.match(fresh.logoPath!, /^platform\/logo-[0-9a-f-]{36}\.png$/)
    assert.isTrue(await storage.exists(organization.id, fresh.logoPath!))

    const redirect = await client
      .get(`/api/v1/orgs/${organization.id}/logo`)
      .loginAs(owner)
      .redirects(0)
    redirect.assertStatus(302)
    const location: string = redirect.header('location') ?? ''
    assert.isTrue(
      location.startsWith(`${endpoint}/ia-files/orgs/${organization.id}/platform/logo-`)
    )
    const image = await fetch(location)
    assert.equal(image.status, 200)
    assert.equal(image.headers.get('content-type'), 'image/png')
  })
})

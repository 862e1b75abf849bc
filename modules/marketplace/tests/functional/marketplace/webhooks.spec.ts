import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import {
  createOwnerWithOrganization,
  createUser,
  enableModule,
  runQueuedJobs,
} from '@ia/platform/testing'
import {
  approvedVendor,
  installVersion,
  makePlatformAdmin,
  publishVersion,
  useMarketplaceKey,
} from '../../helpers.ts'

/** What a vendor's receiver does: the signature over "<timestamp>.<body>" must match, and the timestamp be at most five minutes old. */
function receiverAccepts(
  headers: IncomingHttpHeaders,
  body: string,
  secret: string,
  now = Date.now()
) {
  const timestamp = Number(headers['x-ia-webhook-timestamp'])
  const expected = Buffer.from(
    `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
  )
  const given = Buffer.from(String(headers['x-ia-webhook-signature'] ?? ''))
  const signed = expected.length === given.length && timingSafeEqual(expected, given)
  return signed && Math.abs(now / 1000 - timestamp) <= 300
}

/** A local receiver recording every request; answers each with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = []) {
  const received: { headers: IncomingHttpHeaders; body: string }[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body })
      response.statusCode = statuses.shift() ?? 200
      response.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

async function world(client: Parameters<typeof approvedVendor>[0]) {
  const admin = await makePlatformAdmin(await createUser())
  const vendorUser = await createUser()
  const vendor = { user: vendorUser, ...(await approvedVendor(client, vendorUser, admin)) }
  const versionId = await publishVersion(client, vendor, admin, 'acme-timesheets', '1.0.0')
  const listings = await client.get('/api/v1/marketplace/vendor/listings').loginAs(vendorUser)
  const { owner, organization } = await createOwnerWithOrganization()
  await enableModule(organization, 'marketplace', owner)
  await enableModule(organization, 'contacts', owner)
  return { vendor, versionId, listingId: listings.body().data[0].id as string, owner, organization }
}

test.group('Marketplace / webhooks', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => (await useMarketplaceKey()).restore)

  test('a webhook URL that is not https on a public address is refused on its field', async ({
    client,
    assert,
  }) => {
    const { vendor, listingId } = await world(client)
    for (const url of [
      'http://hooks.example.com/x',
      'https://127.0.0.1/x',
      'https://10.0.0.5/x',
      'https://192.168.1.10/x',
      'https://[::1]/x',
      'https://169.254.169.254/latest',
      'https://localhost/x',
      'https://user:pw@hooks.example.com/x',
    ]) {
      const response = await client
        .put(`/api/v1/marketplace/vendor/listings/${listingId}/webhook`)
        .json({ url })
        .loginAs(vendor.user)
        .withCsrfToken()
      response.assertStatus(422)
      assert.containsSubset(
        response.body().errors,
        [{ code: 'E_WEBHOOK_URL_NOT_ALLOWED', field: 'url' }],
        url
      )
    }
  })

  test('a granted event is POSTed signed; the receiver verifies it and detects a replay by its timestamp', async ({
    client,
    assert,
  }) => {
    const previous = app.config.get('marketplace.allowPrivateWebhooks')
    app.config.set('marketplace.allowPrivateWebhooks', true)
    const hooks = await receiver()
    try {
      const { vendor, versionId, listingId, owner, organization } = await world(client)
      const set = await client
        .put(`/api/v1/marketplace/vendor/listings/${listingId}/webhook`)
        .json({ url: hooks.url })
        .loginAs(vendor.user)
        .withCsrfToken()
      set.assertStatus(200)
      const secret = set.body().webhook.secret as string
      await installVersion(client, owner, organization, versionId)
      ;(
        await client
          .post(`/api/v1/orgs/${organization.id}/contacts`)
          .json({ kind: 'company', name: 'Brasserie Simba' })
          .loginAs(owner)
          .withCsrfToken()
      ).assertStatus(201)
      await runQueuedJobs()

      assert.lengthOf(hooks.received, 1)
      const [delivery] = hooks.received
      const body = JSON.parse(delivery.body)
      assert.containsSubset(body, {
        event: 'contacts.contact.created',
        organizationId: organization.id,
        data: { name: 'Brasserie Simba' },
      })
      assert.isTrue(receiverAccepts(delivery.headers, delivery.body, secret))
      assert.isFalse(
        receiverAccepts(delivery.headers, delivery.body, secret, Date.now() + 6 * 60_000),
        'replayed six minutes later'
      )
      assert.isFalse(
        receiverAccepts(
          {
            ...delivery.headers,
            'x-ia-webhook-timestamp': String(
              Number(delivery.headers['x-ia-webhook-timestamp']) + 1
            ),
          },
          delivery.body,
          secret
        ),
        'timestamp changed'
      )
      assert.isFalse(
        receiverAccepts(delivery.headers, delivery.body.replace('Simba', 'Primus'), secret),
        'body changed'
      )

      const log = await client
        .get(`/api/v1/marketplace/vendor/listings/${listingId}/deliveries`)
        .loginAs(vendor.user)
      assert.containsSubset(log.body().data, [
        {
          event: 'contacts.contact.created',
          status: 'delivered',
          attempts: 1,
          lastStatusCode: 200,
        },
      ])
    } finally {
      app.config.set('marketplace.allowPrivateWebhooks', previous)
      await hooks.close()
    }
  })

  test('a failed attempt is logged and retried later; an organisation without the grant gets no delivery', async ({
    client,
    assert,
  }) => {
    const previous = app.config.get('marketplace.allowPrivateWebhooks')
    app.config.set('marketplace.allowPrivateWebhooks', true)
    const hooks = await receiver([500])
    try {
      const { vendor, versionId, listingId, owner, organization } = await world(client)
      await client
        .put(`/api/v1/marketplace/vendor/listings/${listingId}/webhook`)
        .json({ url: hooks.url })
        .loginAs(vendor.user)
        .withCsrfToken()
      await installVersion(client, owner, organization, versionId)
      const { owner: otherOwner, organization: other } = await createOwnerWithOrganization()
      await enableModule(other, 'contacts', otherOwner)
      await client
        .post(`/api/v1/orgs/${other.id}/contacts`)
        .json({ kind: 'company', name: 'Sans le module' })
        .loginAs(otherOwner)
        .withCsrfToken()
      await client
        .post(`/api/v1/orgs/${organization.id}/contacts`)
        .json({ kind: 'company', name: 'Brasserie Simba' })
        .loginAs(owner)
        .withCsrfToken()
      await runQueuedJobs()

      assert.lengthOf(
        hooks.received,
        1,
        'the retry is not due yet, and the other organisation sends nothing'
      )
      const log = await client
        .get(`/api/v1/marketplace/vendor/listings/${listingId}/deliveries`)
        .loginAs(vendor.user)
      assert.lengthOf(log.body().data, 1)
      assert.containsSubset(log.body().data[0], {
        status: 'pending',
        attempts: 1,
        lastStatusCode: 500,
        lastError: 'HTTP 500',
        organizationId: organization.id,
      })
    } finally {
      app.config.set('marketplace.allowPrivateWebhooks', previous)
      await hooks.close()
    }
  })
})

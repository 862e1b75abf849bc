/*
 * Webhooks: each event a vendor module asked for, and whose scope the organisation granted, becomes a
 * delivery row and a job, in the transaction that handles the event. The job POSTs the JSON body with
 * `x-ia-webhook-timestamp` (Unix seconds) and `x-ia-webhook-signature: v1=<hex HMAC-SHA256 over
 * "<timestamp>.<body>">` keyed by the module's webhook secret; a receiver refuses a timestamp older than
 * five minutes (replays). A failed attempt is logged and the next one queued with exponential backoff.
 */
import { createHmac, randomBytes } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import { DateTime } from 'luxon'
import encryption from '@adonisjs/core/services/encryption'
import {
  events,
  jobs,
  tenantContext,
  type DomainEventName,
  type JobContext,
} from '@ia/kernel/contracts'
import Install from '../models/install.ts'
import Listing from '../models/listing.ts'
import ModuleVersion from '../models/module_version.ts'
import WebhookDelivery from '../models/webhook_delivery.ts'
import { marketplaceErrors } from '../errors.ts'
import { WEBHOOK_EVENTS } from './scopes.ts'
import { isAllowedWebhookUrl, publicOnlyLookup } from './webhook_url.ts'
import { marketplaceSettings } from './marketplace_settings.ts'

/** The job that makes one attempt of one delivery. */
export const DELIVER_WEBHOOK_JOB = 'marketplace.deliver_webhook'
/** Attempts before a delivery is failed for good, and the first retry's delay (doubling after). */
export const WEBHOOK_ATTEMPTS = 8
export const WEBHOOK_BACKOFF_MS = 30_000
const TIMEOUT_MS = 10_000
const SECRET_PURPOSE = 'marketplace.webhook_secret'

/** The signature header's value for a body sent at `timestamp` (Unix seconds). */
export function webhookSignature(secret: string, timestamp: number, body: string) {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** Sets a module's webhook URL (refused unless https on a public address) and gives it a new secret, shown once. */
export async function setWebhook(listing: Listing, url: string) {
  if (!(await isAllowedWebhookUrl(url, marketplaceSettings().allowPrivateWebhooks)))
    throw marketplaceErrors.webhookUrl('url')
  const secret = `whsec_${randomBytes(32).toString('base64url')}`
  listing.merge({
    webhookUrl: url,
    webhookSecret: encryption.encrypt(secret, undefined, SECRET_PURPOSE),
  })
  await listing.save()
  return secret
}

/** Queues a delivery of `event` for every enabled install of the organisation that asked for it and was granted its scope. */
async function fanOut(
  event: DomainEventName,
  payload: unknown,
  meta: {
    organizationId: string
    eventId: string
    occurredAt: string
    client: JobContext['client']
  }
) {
  const scope = WEBHOOK_EVENTS[event]
  const installs = await Install.query({ client: meta.client })
    .where('organization_id', meta.organizationId)
    .where('enabled', true)
    .whereRaw('? = ANY(scopes)', [scope])
  if (!installs.length) return
  const listings = await Listing.query({ client: meta.client })
    .whereIn(
      'id',
      installs.map((install) => install.listingId)
    )
    .whereNotNull('webhook_url')
  const versions = await ModuleVersion.query({ client: meta.client }).whereIn(
    'id',
    installs.map((install) => install.versionId)
  )
  for (const install of installs) {
    const listing = listings.find((candidate) => candidate.id === install.listingId)
    const version = versions.find((candidate) => candidate.id === install.versionId)
    if (!listing || !version?.manifest.webhooks?.events.includes(event)) continue
    const delivery = await WebhookDelivery.create(
      {
        organizationId: meta.organizationId,
        listingId: listing.id,
        event,
        payload: {
          id: meta.eventId,
          event,
          organizationId: meta.organizationId,
          occurredAt: meta.occurredAt,
          data: payload,
        },
        status: 'pending',
        attempts: 0,
      },
      { client: meta.client }
    )
    await jobs.dispatch(
      DELIVER_WEBHOOK_JOB,
      { deliveryId: delivery.id },
      { client: meta.client, organizationId: meta.organizationId }
    )
  }
}

/** POSTs `body` to `url`; the response's status, or an error naming why nothing came back. */
function post(url: URL, headers: Record<string, string>, body: string, allowPrivate: boolean) {
  const transport = url.protocol === 'https:' ? https : http
  return new Promise<number>((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: TIMEOUT_MS,
        ...(allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      }
    )
    request.on('timeout', () =>
      request.destroy(new Error(`No answer within ${TIMEOUT_MS / 1000} s`))
    )
    request.on('error', reject)
    request.end(body)
  })
}

/** One attempt of one delivery; a failure is logged and the next attempt queued (never thrown, so the log commits). */
async function deliver({ deliveryId }: { deliveryId: string }, context: JobContext) {
  const delivery = await WebhookDelivery.query({ client: context.client })
    .where('id', deliveryId)
    .forUpdate()
    .first()
  if (!delivery || delivery.status !== 'pending') return
  const listing = await Listing.query({ client: context.client })
    .where('id', delivery.listingId)
    .first()
  // Uninstalled or disabled since the event: the grant has ended, nothing more is sent.
  const install = await tenantContext.run(delivery.organizationId, () =>
    Install.query({ client: context.client })
      .where('listing_id', delivery.listingId)
      .where('enabled', true)
      .first()
  )
  delivery.attempts += 1
  const { allowPrivateWebhooks } = marketplaceSettings()
  let error: string | null = null
  let status: number | null = null
  if (!install) {
    error = 'The module is no longer installed and enabled in the organisation'
  } else if (!listing?.webhookUrl || !listing.webhookSecret) {
    error = 'No webhook URL'
  } else if (!(await isAllowedWebhookUrl(listing.webhookUrl, allowPrivateWebhooks))) {
    error = 'The webhook URL is not https on a public address'
  } else {
    const body = JSON.stringify(delivery.payload)
    const timestamp = Math.floor(Date.now() / 1000)
    const secret = encryption.decrypt<string>(listing.webhookSecret, SECRET_PURPOSE)!
    try {
      status = await post(
        new URL(listing.webhookUrl),
        {
          'content-type': 'application/json',
          'user-agent': 'IA-Solution-Webhooks/1',
          'x-ia-webhook-id': delivery.id,
          'x-ia-webhook-event': delivery.event,
          'x-ia-webhook-timestamp': String(timestamp),
          'x-ia-webhook-signature': webhookSignature(secret, timestamp, body),
        },
        body,
        allowPrivateWebhooks
      )
      if (status < 200 || status >= 300) error = `HTTP ${status}`
    } catch (failure) {
      error = (failure as Error).message.slice(0, 500)
    }
  }
  const last = delivery.attempts >= WEBHOOK_ATTEMPTS || !install
  delivery.merge({
    lastStatusCode: status,
    lastError: error,
    status: error === null ? 'delivered' : last ? 'failed' : 'pending',
    deliveredAt: error === null ? DateTime.now() : null,
  })
  await delivery.useTransaction(context.client).save()
  if (error !== null && !last) {
    await jobs.dispatch(
      DELIVER_WEBHOOK_JOB,
      { deliveryId },
      {
        client: context.client,
        organizationId: delivery.organizationId,
        delayMs: WEBHOOK_BACKOFF_MS * 2 ** (delivery.attempts - 1),
      }
    )
  }
}

/** Registers the delivery job and a consumer of every event a vendor module may receive. */
export function registerWebhooks() {
  jobs.register(DELIVER_WEBHOOK_JOB, deliver, {
    maxAttempts: 3,
    title: 'marketplace.jobs.deliverWebhook',
  })
  for (const event of Object.keys(WEBHOOK_EVENTS) as DomainEventName[]) {
    events.subscribe(event, 'marketplace.webhooks', (payload, meta) =>
      tenantContext.run(meta.organizationId, () => fanOut(event, payload, meta))
    )
  }
}

/** The latest deliveries of a vendor's module, across the organisations that installed it. */
export function recentDeliveries(listing: Listing) {
  return WebhookDelivery.query()
    .where('listing_id', listing.id)
    .orderBy('created_at', 'desc')
    .limit(100)
}

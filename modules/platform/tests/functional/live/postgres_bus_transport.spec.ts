import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import { Bus } from '@boringnode/bus'
import {
  MAX_NOTIFY_PAYLOAD_BYTES,
  PostgresBusTransport,
  postgresChannelName,
  type BusLogger,
} from '../../../app/services/live/postgres_bus_transport.ts'

const connectionString = () =>
  config.get<string>('database.connections.postgres.connection.connectionString')

function recordingLogger() {
  const entries: { level: 'warn' | 'error'; details: object; message: string }[] = []
  const logger: BusLogger = {
    warn: (details, message) => entries.push({ level: 'warn', details, message }),
    error: (details, message) => entries.push({ level: 'error', details, message }),
  }
  return { logger, entries }
}

function transport(id: string, logger?: BusLogger) {
  return new PostgresBusTransport({
    connectionString: connectionString(),
    logger,
    reconnectDelayMs: 50,
  }).setId(id) as PostgresBusTransport
}

/** Ends, from the server side, the connection whose last statement was LISTEN on `channel`. */
async function terminateListenerOf(channel: string) {
  const { rows } = await db.rawQuery(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = ?',
    [`LISTEN "${postgresChannelName(channel)}"`]
  )
  return rows.length
}

async function eventually(check: () => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await sleep(20)
  }
}

test.group('Live / PostgreSQL bus transport', (group) => {
  const open: PostgresBusTransport[] = []
  const make = (id: string, logger?: BusLogger) => {
    const created = transport(id, logger)
    open.push(created)
    return created
  }
  group.each.teardown(async () => {
    await Promise.all(open.splice(0).map((item) => item.disconnect()))
  })

  test('two transports deliver to each other, never to themselves', async ({ assert }) => {
    const channel = `test:${randomUUID()}`
    const first = make('first')
    const second = make('second')
    const receivedByFirst: unknown[] = []
    const receivedBySecond: unknown[] = []
    await first.subscribe(channel, (message) => void receivedByFirst.push(message))
    await second.subscribe(channel, (message) => void receivedBySecond.push(message))

    await first.publish(channel, { from: 'first', n: 1 })
    await second.publish(channel, { from: 'second', text: 'Élodie à Kinshasa' })

    await eventually(() => receivedByFirst.length === 1 && receivedBySecond.length === 1)
    await sleep(150)
    assert.deepEqual(receivedBySecond, [{ from: 'first', n: 1 }])
    assert.deepEqual(receivedByFirst, [{ from: 'second', text: 'Élodie à Kinshasa' }])
  })

  test('a message reaches only the subscribers of its channel', async ({ assert }) => {
    const [one, other] = [`test:${randomUUID()}`, `test:${randomUUID()}`]
    const sender = make('sender')
    const receiver = make('receiver')
    const received: [string, unknown][] = []
    await receiver.subscribe(one, (message) => void received.push([one, message]))
    await receiver.subscribe(other, (message) => void received.push([other, message]))

    await sender.publish(other, 'to other')
    await eventually(() => received.length === 1)
    await sleep(150)
    assert.deepEqual(received, [[other, 'to other']])
  })

  test('unsubscribe stops delivery', async ({ assert }) => {
    const channel = `test:${randomUUID()}`
    const sender = make('sender')
    const receiver = make('receiver')
    const received: unknown[] = []
    await receiver.subscribe(channel, (message) => void received.push(message))
    await sender.publish(channel, 'before')
    await eventually(() => received.length === 1)

    await receiver.unsubscribe(channel)
    await sender.publish(channel, 'after')
    await sleep(300)
    assert.deepEqual(received, ['before'])
  })

  test('channel names map to short, safe, distinct PostgreSQL identifiers', ({ assert }) => {
    const long = `transmit::${'orgs/é'.repeat(100)}`
    for (const name of ['transmit::broadcast', 'ia:live:subscriptions', long, '']) {
      const mapped = postgresChannelName(name)
      assert.match(mapped, /^bus_[0-9a-f]{40}$/)
      assert.isAtMost(Buffer.byteLength(mapped), 63)
      assert.equal(postgresChannelName(name), mapped)
    }
    assert.notEqual(
      postgresChannelName('transmit::broadcast'),
      postgresChannelName('ia:live:subscriptions')
    )
    assert.match(postgresChannelName('a', 'app_two'), /^app_two_[0-9a-f]{40}$/)
    assert.throws(
      () => postgresChannelName('a', 'Bad-Prefix"'),
      /Invalid PostgreSQL channel prefix/
    )
  })

  test('a message too large for a notification is refused and reported; the largest allowed one goes through', async ({
    assert,
  }) => {
    const channel = `test:${randomUUID()}`
    const { logger, entries } = recordingLogger()
    const sender = make('sender', logger)
    const receiver = make('receiver')
    const received: string[] = []
    await receiver.subscribe<string>(channel, (message) => void received.push(message))

    const envelope = Buffer.byteLength(JSON.stringify({ busId: 'sender', payload: '' }))
    const fitting = 'x'.repeat(MAX_NOTIFY_PAYLOAD_BYTES - envelope)
    await sender.publish(channel, `${fitting}y`)
    assert.lengthOf(entries, 1)
    assert.equal(entries[0].level, 'error')
    assert.include(entries[0].message, 'too large')
    assert.deepInclude(entries[0].details, { channel, bytes: MAX_NOTIFY_PAYLOAD_BYTES + 1 })

    await sender.publish(channel, fitting)
    await eventually(() => received.length === 1)
    assert.equal(received[0], fitting)
  })

  test('after losing its connection it listens again and tells the bus', async ({ assert }) => {
    const channel = `test:${randomUUID()}`
    const { logger, entries } = recordingLogger()
    const sender = make('sender')
    const receiver = make('receiver', logger)
    const received: unknown[] = []
    let reconnections = 0
    receiver.onReconnect(() => reconnections++)
    await receiver.subscribe(channel, (message) => void received.push(message))

    assert.equal(await terminateListenerOf(channel), 1)
    await eventually(() => reconnections === 1, 5000)
    assert.isTrue(entries.some((entry) => entry.message.includes('connection lost')))
    await sender.publish(channel, 'after reconnection')
    await eventually(() => received.length === 1)
    assert.deepEqual(received, ['after reconnection'])
  })

  test('publishing after its connection broke reconnects and delivers', async ({ assert }) => {
    const [channel, marker] = [`test:${randomUUID()}`, `test:${randomUUID()}`]
    const senderTransport = make('unused', recordingLogger().logger)
    const sender = new Bus(senderTransport, { retryQueue: { enabled: true } })
    await senderTransport.subscribe(marker, () => undefined)
    const receiver = make('receiver')
    const received: unknown[] = []
    await receiver.subscribe(channel, (message) => void received.push(message))

    assert.equal(await terminateListenerOf(marker), 1)
    await sender.publish(channel, 'kept')
    await eventually(() => received.length === 1, 5000)
    assert.deepEqual(received, ['kept'])
  })

  test('subscribing while PostgreSQL is unreachable does not fail; publishing does', async ({
    assert,
  }) => {
    const { logger, entries } = recordingLogger()
    const offline = new PostgresBusTransport({
      connectionString: 'postgres://postgres@127.0.0.1:1/none',
      logger,
      reconnectDelayMs: 10_000,
    }).setId('x')
    open.push(offline as PostgresBusTransport)
    await offline.subscribe('test:offline', () => undefined)
    await assert.rejects(() => offline.publish('test:offline', 'lost'), /unreachable/)
    assert.isTrue(entries.some((entry) => entry.message.includes('cannot connect')))
  })
})

import { test } from '@japa/runner'
import { jobs } from '@ia/platform/contracts'
import { check } from '#controllers/health_controller'

test.group('Health', () => {
  test('live answers without touching any service', async ({ client }) => {
    const response = await client.get('/health/live')
    response.assertStatus(200)
    response.assertBody({ status: 'ok' })
  })

  test('ready checks the database', async ({ client, assert }) => {
    const response = await client.get('/health/ready')
    response.assertStatus(200)
    assert.deepInclude(response.body().checks, { name: 'database', ok: true })
  })

  test('the broker check reaches the local RabbitMQ and fails on a closed port', async ({
    assert,
  }) => {
    await jobs.pingBroker('amqp://guest:guest@127.0.0.1:5672')
    await assert.rejects(() => jobs.pingBroker('amqp://guest:guest@127.0.0.1:1', 1000))
  })

  test('a service that does not answer in time is reported down, without its error text', async ({
    assert,
  }) => {
    const started = Date.now()
    const hanging = await check('database', () => new Promise(() => {}), 200)
    assert.deepEqual(hanging, { name: 'database', ok: false })
    assert.isBelow(Date.now() - started, 1000)
    const failing = await check('redis', () =>
      Promise.reject(new Error('connect ECONNREFUSED db.internal:6379'))
    )
    assert.deepEqual(failing, { name: 'redis', ok: false })
  })
})

import { test } from '@japa/runner'
import { jobs } from '@ia/platform/contracts'

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

  test('the broker check reaches the local RabbitMQ and fails on a closed port', async ({ assert }) => {
    await jobs.pingBroker('amqp://guest:guest@127.0.0.1:5672')
    await assert.rejects(() => jobs.pingBroker('amqp://guest:guest@127.0.0.1:1', 1000))
  })
})

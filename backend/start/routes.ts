/*
 * Host routes: health. The platform and every domain module register their own API routes from
 * their providers; the web assets of the shell and the remotes are served by a server middleware.
 */
import router from '@adonisjs/core/services/router'
import { describeRoute } from '@ia/kernel/contracts'

const HealthController = () => import('#controllers/health_controller')

router.get('/health/live', [HealthController, 'live'])
router.get('/health/ready', [HealthController, 'ready'])

const checks = {
  type: 'object',
  properties: {
    status: { enum: ['ok', 'unavailable'] },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { enum: ['database', 'redis', 'rabbitmq'] }, ok: { type: 'boolean' } },
        required: ['name', 'ok'],
      },
    },
  },
  required: ['status', 'checks'],
}
describeRoute('GET /health/live', {
  operationId: 'healthLive',
  summary: 'Liveness: the process answers',
  tags: ['Health'],
  responses: {
    200: {
      description: 'Alive',
      schema: { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'] },
    },
  },
})
describeRoute('GET /health/ready', {
  operationId: 'healthReady',
  summary:
    'Readiness: the database, and Redis and RabbitMQ when configured, answer within 2 s each',
  tags: ['Health'],
  responses: {
    200: { description: 'Every service answers', schema: checks },
    503: { description: 'A service does not answer', schema: checks },
  },
})

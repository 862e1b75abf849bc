import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import type { HttpContext } from '@adonisjs/core/http'
import { jobs } from '@ia/platform/contracts'

type Check = { name: string; ok: boolean; error?: string }

async function check(name: string, probe: () => Promise<unknown>): Promise<Check> {
  try {
    await probe()
    return { name, ok: true }
  } catch (error) {
    return { name, ok: false, error: (error as Error).message }
  }
}

/** Liveness (the process answers) and readiness (its services answer). */
export default class HealthController {
  async live() {
    return { status: 'ok' }
  }

  async ready({ response }: HttpContext) {
    const checks: Check[] = [await check('database', () => db.rawQuery('SELECT 1'))]
    if (env.get('REDIS_URL')) {
      const { default: redis } = await import('@adonisjs/redis/services/main')
      checks.push(await check('redis', () => redis.ping()))
    }
    const rabbitmqUrl = env.get('RABBITMQ_URL')
    if (rabbitmqUrl) checks.push(await check('rabbitmq', () => jobs.pingBroker(rabbitmqUrl)))
    const ok = checks.every((entry) => entry.ok)
    return response.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks })
  }
}

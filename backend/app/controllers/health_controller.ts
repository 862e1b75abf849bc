import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import type { HttpContext } from '@adonisjs/core/http'
import { jobs } from '@ia/platform/contracts'

type Check = { name: string; ok: boolean }

/** How long one service may take to answer before readiness reports it down. */
const CHECK_TIMEOUT_MS = 2000

/**
 * Runs `probe`, failed when it throws or takes longer than `timeoutMs`: an orchestrator's probe gives
 * up after a few seconds, and a pool waiting for a connection would otherwise hold it far longer.
 */
export async function check(
  name: string,
  probe: () => Promise<unknown>,
  timeoutMs = CHECK_TIMEOUT_MS
): Promise<Check> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    await Promise.race([probe(), timeout])
    return { name, ok: true }
  } catch (error) {
    // The reason may name hosts and users: it goes to the log, not to this public route.
    logger.warn({ check: name, err: error }, 'readiness check failed')
    return { name, ok: false }
  } finally {
    clearTimeout(timer)
  }
}

/** Liveness (the process answers) and readiness (its services answer). */
export default class HealthController {
  async live() {
    return { status: 'ok' }
  }

  async ready({ response }: HttpContext) {
    const probes: Array<Promise<Check>> = [check('database', () => db.rawQuery('SELECT 1'))]
    if (env.get('REDIS_URL')) {
      const { default: redis } = await import('@adonisjs/redis/services/main')
      probes.push(check('redis', () => redis.ping()))
    }
    const rabbitmqUrl = env.get('RABBITMQ_URL')
    if (rabbitmqUrl)
      probes.push(check('rabbitmq', () => jobs.pingBroker(rabbitmqUrl, CHECK_TIMEOUT_MS)))
    const checks = await Promise.all(probes)
    const ok = checks.every((entry) => entry.ok)
    return response.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks })
  }
}

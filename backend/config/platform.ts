import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { definePlatformConfig } from '@ia/platform/config'

/** Settings the platform module reads (modules never read the environment themselves), checked at boot. */
const platformConfig = definePlatformConfig({
  appUrl: env.get('APP_URL'),
  dataDir: env.get('DATA_DIR', app.makePath('../.data')),
  /** How long a process may keep an organisation's enabled modules: long when the Redis bus spreads invalidations, short otherwise. */
  modulesCacheTtl: env.get('REDIS_URL') ? '5m' : '30s',
  files: {
    urlTtlSeconds: env.get('FILE_URL_TTL_SECONDS', 300),
  },
  jobs: {
    /** RabbitMQ when set; otherwise the embedded worker reads the outbox in PostgreSQL. */
    rabbitmqUrl: env.get('RABBITMQ_URL'),
    rabbitmqPrefix: env.get('RABBITMQ_PREFIX', 'ia'),
    deliveryLimit: env.get('RABBITMQ_DELIVERY_LIMIT', 10),
    concurrency: env.get('JOBS_CONCURRENCY', 4),
    pollMs: env.get('JOBS_POLL_MS', 1000),
    /** The web server runs the worker itself (the embedded PGlite setup, whose notifications cannot cross processes). */
    inWebProcess: env.get('JOBS_IN_WEB_PROCESS', false),
    /** Published outbox rows and handled-message records older than this many days are deleted; 0 keeps them. */
    pruneAfterDays: env.get('JOBS_PRUNE_AFTER_DAYS', 7),
  },
  signIn: {
    maxAttempts: env.get('SIGN_IN_MAX_ATTEMPTS', 5),
    lockMinutes: env.get('SIGN_IN_LOCK_MINUTES', 15),
  },
})

export default platformConfig

/** The shape of config/platform.ts. */
export type PlatformConfig = typeof platformConfig

/*
 * Every setting the backend reads, validated at boot: a wrong or missing one stops boot with its name.
 * The README documents each of them.
 */
import { Env } from '@adonisjs/core/env'

/** Validates an optional URL whose scheme is one of `protocols`. */
function serviceUrl(protocols: string[], optional: boolean) {
  return (name: string, value?: string) => {
    if (!value) {
      if (optional) return undefined
      throw new Error(`Missing environment variable "${name}"`)
    }
    let url: URL
    try {
      url = new URL(value)
    } catch {
      throw new Error(`Invalid environment variable "${name}": not a URL`)
    }
    if (!protocols.includes(url.protocol)) {
      throw new Error(`Invalid environment variable "${name}": expected ${protocols.join(' or ')} URL`)
    }
    return value
  }
}

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  LOG_LEVEL: Env.schema.enum.optional(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),

  DATABASE_URL: serviceUrl(['postgres:', 'postgresql:'], false) as (name: string, value?: string) => string,
  DATABASE_POOL_MAX: Env.schema.number.optional(),

  REDIS_URL: serviceUrl(['redis:', 'rediss:'], true),

  RABBITMQ_URL: serviceUrl(['amqp:', 'amqps:'], true),
  RABBITMQ_PREFIX: (name: string, value?: string) => {
    if (value && !/^[a-z0-9][a-z0-9_.-]{0,40}$/.test(value)) {
      throw new Error(`Invalid environment variable "${name}": lower-case letters, digits, ".", "-" and "_" only`)
    }
    return value || undefined
  },
  RABBITMQ_DELIVERY_LIMIT: Env.schema.number.optional(),
  JOBS_CONCURRENCY: Env.schema.number.optional(),
  JOBS_POLL_MS: Env.schema.number.optional(),
  JOBS_IN_WEB_PROCESS: Env.schema.boolean.optional(),

  ELASTICSEARCH_URL: serviceUrl(['http:', 'https:'], true),
  ELASTICSEARCH_INDEX_PREFIX: (name: string, value?: string) => {
    if (value && !/^[a-z0-9][a-z0-9_-]{0,40}$/.test(value)) {
      throw new Error(`Invalid environment variable "${name}": lower-case letters, digits, "-" and "_" only`)
    }
    return value || undefined
  },

  DATA_DIR: Env.schema.string.optional(),

  S3_BUCKET: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_ENDPOINT: Env.schema.string.optional({ format: 'url', tld: false }),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),
  S3_FORCE_PATH_STYLE: Env.schema.boolean.optional(),
  FILE_URL_TTL_SECONDS: Env.schema.number.optional(),

  MAIL_FROM_ADDRESS: Env.schema.string.optional({ format: 'email' }),
  MAIL_FROM_NAME: Env.schema.string.optional(),
  SMTP_HOST: Env.schema.string.optional({ format: 'host' }),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),

  OIDC_ISSUER: Env.schema.string.optional({ format: 'url', tld: false }),
  OIDC_CLIENT_ID: Env.schema.string.optional(),
  OIDC_CLIENT_SECRET: Env.schema.string.optional(),
  OIDC_DISPLAY_NAME: Env.schema.string.optional(),

  SIGN_IN_MAX_ATTEMPTS: Env.schema.number.optional(),
  SIGN_IN_LOCK_MINUTES: Env.schema.number.optional(),
})

/*
 * Every setting the backend reads, validated at boot: a wrong or missing one stops boot with its name.
 * The README documents each of them.
 */
import { isIP } from 'node:net'
import { Env } from '@adonisjs/core/env'

/** Names `proxy-addr` understands for whole address ranges. */
export const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const

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
      throw new Error(
        `Invalid environment variable "${name}": expected ${protocols.join(' or ')} URL`
      )
    }
    return value
  }
}

/** Validates an optional whole number between `min` and `max`. */
function integer(min: number, max: number) {
  return (name: string, value?: string) => {
    if (value === undefined || value === '') return undefined
    const parsed = Number(value)
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new Error(
        `Invalid environment variable "${name}": a whole number from ${min} to ${max}`
      )
    }
    return parsed
  }
}

/** Validates TRUSTED_PROXIES: comma-separated addresses, CIDR ranges or range names. */
function proxyList(name: string, value?: string) {
  if (!value) return undefined
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  for (const entry of entries) {
    if ((PROXY_RANGE_NAMES as readonly string[]).includes(entry)) continue
    const [address, bits, extra] = entry.split('/')
    const family = isIP(address)
    const maxBits = family === 4 ? 32 : 128
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits)
    if (!family || !bitsOk || extra !== undefined) {
      throw new Error(
        `Invalid environment variable "${name}": "${entry}" is not an address, a CIDR range or one of ${PROXY_RANGE_NAMES.join(', ')}`
      )
    }
  }
  return entries.join(',')
}

const env = await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: (name: string, value?: string) => {
    const port = integer(1, 65535)(name, value)
    if (port === undefined) throw new Error(`Missing environment variable "${name}"`)
    return port
  },
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  LOG_LEVEL: Env.schema.enum.optional([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ] as const),
  TRUSTED_PROXIES: proxyList,

  DATABASE_URL: serviceUrl(['postgres:', 'postgresql:'], false) as (
    name: string,
    value?: string
  ) => string,
  DATABASE_POOL_MAX: integer(1, 200),
  EMBEDDED_DB_INSTANCE: Env.schema.string.optional({ format: 'uuid' }),

  RATE_LIMIT_STORE: Env.schema.enum.optional(['redis', 'database', 'memory'] as const),
  // Lets the exchange-rate provider be on this machine or a private network: the tests' fake server only.
  RATE_PROVIDER_ALLOW_PRIVATE_HOSTS: Env.schema.boolean.optional(),
  PAYMENT_GATEWAY_ALLOW_PRIVATE_HOSTS: Env.schema.boolean.optional(),
  REDIS_URL: (name: string, value?: string) => {
    const url = serviceUrl(['redis:', 'rediss:'], true)(name, value)
    if (url && !/^\/?\d{0,2}$/.test(new URL(url).pathname)) {
      throw new Error(
        `Invalid environment variable "${name}": the path must be a database number, as in redis://host:6379/0`
      )
    }
    return url
  },

  RABBITMQ_URL: serviceUrl(['amqp:', 'amqps:'], true),
  RABBITMQ_PREFIX: (name: string, value?: string) => {
    if (value && !/^[a-z0-9][a-z0-9_.-]{0,40}$/.test(value)) {
      throw new Error(
        `Invalid environment variable "${name}": lower-case letters, digits, ".", "-" and "_" only`
      )
    }
    return value || undefined
  },
  RABBITMQ_DELIVERY_LIMIT: integer(1, 1000),
  JOBS_CONCURRENCY: integer(1, 256),
  JOBS_POLL_MS: integer(50, 600000),
  JOBS_IN_WEB_PROCESS: Env.schema.boolean.optional(),
  JOBS_PRUNE_AFTER_DAYS: integer(0, 3650),

  ELASTICSEARCH_URL: serviceUrl(['http:', 'https:'], true),
  ELASTICSEARCH_INDEX_PREFIX: (name: string, value?: string) => {
    if (value && !/^[a-z0-9][a-z0-9_-]{0,40}$/.test(value)) {
      throw new Error(
        `Invalid environment variable "${name}": lower-case letters, digits, "-" and "_" only`
      )
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
  FILE_URL_TTL_SECONDS: integer(10, 604800),

  MAIL_FROM_ADDRESS: Env.schema.string.optional({ format: 'email' }),
  MAIL_FROM_NAME: Env.schema.string.optional(),
  SMTP_HOST: Env.schema.string.optional({ format: 'host' }),
  SMTP_PORT: integer(1, 65535),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),

  OIDC_ISSUER: Env.schema.string.optional({ format: 'url', tld: false }),
  OIDC_CLIENT_ID: Env.schema.string.optional(),
  OIDC_CLIENT_SECRET: Env.schema.string.optional(),
  OIDC_DISPLAY_NAME: Env.schema.string.optional(),

  MARKETPLACE_SIGNING_KEY: Env.schema.string.optional(),

  SIGN_IN_MAX_ATTEMPTS: integer(1, 100),
  SIGN_IN_LOCK_MINUTES: integer(1, 10080),
})

/** Settings that only make sense together: a group set in part would be silently ignored. */
const TOGETHER: Array<{ names: string[]; when?: string }> = [
  { names: ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] },
  { names: ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] },
  { names: ['SMTP_USERNAME', 'SMTP_PASSWORD'] },
  { names: ['S3_REGION'], when: 'S3_BUCKET' },
]
for (const { names, when } of TOGETHER) {
  const read = (name: string) => Boolean(env.get(name))
  const set = names.filter(read)
  const required = when ? read(when) : set.length > 0
  const missing = names.filter((name) => !read(name))
  if (required && missing.length) {
    const reason = when
      ? `required when ${when} is set`
      : `set ${names.join(', ')} together or none of them`
    throw new Error(`Missing environment variable "${missing[0]}" (${reason})`)
  }
}

if (env.get('RATE_LIMIT_STORE') === 'redis' && !env.get('REDIS_URL')) {
  throw new Error(
    'Missing environment variable "REDIS_URL" (required when RATE_LIMIT_STORE is redis)'
  )
}

export default env

import config from '@adonisjs/core/services/config'

/** The jobs settings of config/platform.ts. */
export type JobsConfig = {
  rabbitmqUrl?: string
  rabbitmqPrefix: string
  deliveryLimit: number
  concurrency: number
  pollMs: number
  inWebProcess: boolean
  /** Published outbox rows and handled-message records are deleted after this many days (0: never). */
  pruneAfterDays: number
}

/** What config/platform.ts holds. */
export type PlatformConfig = {
  appUrl: string
  dataDir: string
  /** How long a process may keep an organisation's enabled modules (`30s`, `5m`...). */
  modulesCacheTtl: string
  files: { urlTtlSeconds: number }
  jobs: JobsConfig
  signIn: { maxAttempts: number; lockMinutes: number }
}

/** What config/search.ts holds: Elasticsearch's address and index prefix, or null for PostgreSQL full-text search. */
export type SearchConfig = { elasticsearch: { url: string; indexPrefix: string } | null }

/** Collects what is wrong with one config file, each problem naming its key. */
class ConfigCheck {
  readonly problems: string[] = []

  constructor(private readonly file: string) {}

  wholeNumber(key: string, value: number, min: number) {
    if (!Number.isInteger(value) || value < min)
      this.problems.push(`${key} must be a whole number of at least ${min}, got ${value}`)
  }

  httpUrl(key: string, value: string) {
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
      this.problems.push(`${key} must be an http(s) URL, got "${value}"`)
  }

  matches(key: string, value: string, pattern: RegExp, what: string) {
    if (!pattern.test(value)) this.problems.push(`${key} must be ${what}, got "${value}"`)
  }

  /** Stops the boot when anything is wrong. */
  done() {
    if (this.problems.length) throw new Error(`${this.file}: ${this.problems.join('; ')}`)
  }
}

/**
 * Declares config/platform.ts, checked when the application loads it: a wrong value stops the boot
 * with its key. Keys the platform does not know are kept as they are.
 */
export function definePlatformConfig<Settings extends PlatformConfig>(
  settings: Settings
): Settings {
  const check = new ConfigCheck('config/platform.ts')
  check.httpUrl('appUrl', settings.appUrl)
  check.matches('dataDir', settings.dataDir, /\S/, 'a folder')
  check.matches(
    'modulesCacheTtl',
    settings.modulesCacheTtl,
    /^\d+(ms|s|m|h)$/,
    'a duration such as 30s or 5m'
  )
  check.wholeNumber('files.urlTtlSeconds', settings.files.urlTtlSeconds, 1)
  if (settings.jobs.rabbitmqUrl !== undefined)
    check.matches(
      'jobs.rabbitmqUrl',
      settings.jobs.rabbitmqUrl,
      /^amqps?:\/\//,
      'an amqp(s):// URL'
    )
  check.matches(
    'jobs.rabbitmqPrefix',
    settings.jobs.rabbitmqPrefix,
    /^[a-z0-9][a-z0-9_.-]{0,40}$/,
    'lower-case letters, digits, ".", "-" or "_"'
  )
  check.wholeNumber('jobs.deliveryLimit', settings.jobs.deliveryLimit, 1)
  check.wholeNumber('jobs.concurrency', settings.jobs.concurrency, 1)
  check.wholeNumber('jobs.pollMs', settings.jobs.pollMs, 1)
  check.wholeNumber('jobs.pruneAfterDays', settings.jobs.pruneAfterDays, 0)
  check.wholeNumber('signIn.maxAttempts', settings.signIn.maxAttempts, 1)
  check.wholeNumber('signIn.lockMinutes', settings.signIn.lockMinutes, 1)
  check.done()
  return settings
}

/** Declares config/search.ts, checked when the application loads it. */
export function defineSearchConfig<Settings extends SearchConfig>(settings: Settings): Settings {
  const check = new ConfigCheck('config/search.ts')
  if (settings.elasticsearch) {
    check.httpUrl('elasticsearch.url', settings.elasticsearch.url)
    check.matches(
      'elasticsearch.indexPrefix',
      settings.elasticsearch.indexPrefix,
      /^[a-z0-9][a-z0-9_-]{0,40}$/,
      'lower-case letters, digits, "-" or "_"'
    )
  }
  check.done()
  return settings
}

/** The host's config/platform.ts: the one way the platform reads its settings. */
export const platformConfig = {
  get appUrl(): string {
    return config.get<PlatformConfig['appUrl']>('platform.appUrl')
  },
  get dataDir(): string {
    return config.get<PlatformConfig['dataDir']>('platform.dataDir')
  },
  get modulesCacheTtl(): string {
    return config.get<PlatformConfig['modulesCacheTtl']>('platform.modulesCacheTtl')
  },
  get files(): PlatformConfig['files'] {
    return config.get<PlatformConfig['files']>('platform.files')
  },
  get jobs(): JobsConfig {
    return config.get<JobsConfig>('platform.jobs')
  },
  get signIn(): PlatformConfig['signIn'] {
    return config.get<PlatformConfig['signIn']>('platform.signIn')
  },
  /** config/search.ts. */
  get search(): SearchConfig {
    return config.get<SearchConfig>('search')
  },
}

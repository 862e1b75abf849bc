import { test } from '@japa/runner'
import {
  definePlatformConfig,
  defineSearchConfig,
  type PlatformConfig,
} from '../../../app/services/platform_config.ts'

const valid: PlatformConfig = {
  appUrl: 'https://erp.example.cd',
  dataDir: '/var/lib/ia',
  modulesCacheTtl: '30s',
  files: { urlTtlSeconds: 300 },
  jobs: {
    rabbitmqPrefix: 'ia',
    deliveryLimit: 10,
    concurrency: 4,
    pollMs: 1000,
    inWebProcess: false,
    pruneAfterDays: 7,
  },
  signIn: { maxAttempts: 5, lockMinutes: 15 },
}

test.group('definePlatformConfig', () => {
  test('answers a valid config as given, keys it does not know included', ({ assert }) => {
    const settings = {
      ...valid,
      jobs: { ...valid.jobs, rabbitmqPrefix: 'e2e.ia_cluster.20072' },
      sessions: { sweepEveryMinutes: 10 },
    }
    assert.strictEqual(definePlatformConfig(settings), settings)
  })

  test('stops with every wrong key named', ({ assert }) => {
    const wrong = {
      ...valid,
      appUrl: 'erp.example.cd',
      modulesCacheTtl: 'soon',
      jobs: { ...valid.jobs, concurrency: 0, rabbitmqUrl: 'http://broker' },
    }
    assert.throws(
      () => definePlatformConfig(wrong),
      'config/platform.ts: appUrl must be an http(s) URL, got "erp.example.cd"; modulesCacheTtl must be a duration such as 30s or 5m, got "soon"; ' +
        'jobs.rabbitmqUrl must be an amqp(s):// URL, got "http://broker"; jobs.concurrency must be a whole number of at least 1, got 0'
    )
  })
})

test.group('defineSearchConfig', () => {
  test('PostgreSQL search needs nothing; Elasticsearch needs a URL and a prefix', ({ assert }) => {
    assert.deepEqual(defineSearchConfig({ elasticsearch: null }), { elasticsearch: null })
    assert.throws(
      () => defineSearchConfig({ elasticsearch: { url: 'es:9200', indexPrefix: 'IA' } }),
      /elasticsearch\.url must be an http\(s\) URL.*elasticsearch\.indexPrefix must be lower-case/
    )
  })
})

import { hostname } from 'node:os'
import { EmbeddedWorker } from './embedded_worker.ts'
import { OutboxPruner } from './outbox_pruner.ts'
import { PeriodicTask } from './periodic_task.ts'
import { RabbitRelay } from './rabbitmq_relay.ts'
import { RabbitTopology } from './rabbitmq_topology.ts'
import { RabbitWorker } from './rabbitmq_worker.ts'
import { platformConfig, type JobsConfig } from '../services/platform_config.ts'
import { Scheduler } from './scheduler.ts'
import { SessionSweeper } from './session_sweeper.ts'

/** Something that runs until stopped: a worker or a relay. */
export type JobsService = { start(): Promise<void>; stop(): Promise<void> }

/** A job running longer than this on the embedded worker may be started again by another worker (once in effect all the same). */
const EMBEDDED_LEASE_MS = 5 * 60 * 1000

const PRUNE_EVERY_MS = 60 * 60 * 1000
/** Wait before the first prune, so that starting is not slowed down (and a deploy every hour still prunes). */
const FIRST_PRUNE_AFTER_MS = 60 * 1000
const SESSION_SWEEP_EVERY_MS = 15 * 60 * 1000
/** How often a worker looks for due scheduled jobs: a slot is queued at most this late. */
const SCHEDULER_TICK_MS = 30 * 1000

function jobsConfig(overrides: Partial<JobsConfig> = {}): JobsConfig {
  return { ...platformConfig.jobs, ...overrides }
}

function topologyOf(settings: JobsConfig) {
  return new RabbitTopology(settings.rabbitmqPrefix, settings.deliveryLimit)
}

/**
 * The worker the configuration selects: RabbitMQ consumers with RABBITMQ_URL, else the embedded PostgreSQL worker;
 * each prunes the outbox, sweeps expired sessions and queues the scheduled jobs.
 */
export function createWorker(overrides: Partial<JobsConfig> = {}): JobsService {
  const settings = jobsConfig(overrides)
  const pruner = new OutboxPruner(settings.pruneAfterDays)
  const sweeper = new SessionSweeper()
  const scheduler = new Scheduler()
  const background = [
    ...(settings.pruneAfterDays > 0
      ? [
          new PeriodicTask((stopping) => pruner.pruneOnce(stopping), {
            everyMs: PRUNE_EVERY_MS,
            firstAfterMs: FIRST_PRUNE_AFTER_MS,
            failure: 'jobs: pruning the outbox failed, trying again later',
          }),
        ]
      : []),
    new PeriodicTask(() => sweeper.sweepOnce(), {
      everyMs: SESSION_SWEEP_EVERY_MS,
      firstAfterMs: SESSION_SWEEP_EVERY_MS,
      failure: 'sessions: sweeping expired sessions failed',
    }),
    new PeriodicTask(() => scheduler.tickOnce(), {
      everyMs: SCHEDULER_TICK_MS,
      firstAfterMs: 0,
      failure: 'jobs: queuing scheduled jobs failed, trying again later',
    }),
  ]
  const worker = settings.rabbitmqUrl
    ? new RabbitWorker({
        url: settings.rabbitmqUrl,
        topology: topologyOf(settings),
        prefetch: settings.concurrency,
        connectionName: `${settings.rabbitmqPrefix} worker ${hostname()}/${process.pid}`,
      })
    : new EmbeddedWorker({
        concurrency: settings.concurrency,
        pollMs: settings.pollMs,
        leaseMs: EMBEDDED_LEASE_MS,
      })
  return {
    async start() {
      await worker.start()
      for (const task of background) task.start()
    },
    async stop() {
      await Promise.all(background.map((task) => task.stop()))
      await worker.stop()
    },
  }
}

/** The outbox relay to RabbitMQ; throws without RABBITMQ_URL (the embedded worker needs none). */
export function createRelay(overrides: Partial<JobsConfig> = {}): JobsService {
  const settings = jobsConfig(overrides)
  if (!settings.rabbitmqUrl)
    throw new Error('The outbox relay publishes to RabbitMQ: set RABBITMQ_URL')
  return new RabbitRelay({
    url: settings.rabbitmqUrl,
    topology: topologyOf(settings),
    batchSize: 100,
    pollMs: settings.pollMs,
    connectionName: `${settings.rabbitmqPrefix} relay ${hostname()}/${process.pid}`,
  })
}

import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Runs the jobs and event handlers until stopped (SIGTERM/SIGINT finish the work in hand first). */
export default class JobsWork extends BaseCommand {
  static commandName = 'jobs:work'
  static description =
    'Run the job and event handlers: RabbitMQ consumers with RABBITMQ_URL, else the embedded PostgreSQL worker'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.number({ description: 'Jobs handled at once by this process (default JOBS_CONCURRENCY)' })
  declare concurrency?: number

  async run() {
    // Loaded here: the worker reads the database and configuration of the started app.
    const { createWorker } = await import('../app/jobs/runtime.ts')
    const worker = createWorker(this.concurrency ? { concurrency: this.concurrency } : {})
    this.app.terminating(() => worker.stop())
    await worker.start()
    this.logger.info(`jobs worker started (pid ${process.pid})`)
  }
}

import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Publishes the outbox to RabbitMQ until stopped. */
export default class JobsRelay extends BaseCommand {
  static commandName = 'jobs:relay'
  static description =
    'Publish the outbox (jobs and domain events) to RabbitMQ with publisher confirms'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  async run() {
    // Loaded here: the relay reads the database and configuration of the started app.
    const { createRelay } = await import('../app/jobs/runtime.ts')
    const relay = createRelay()
    this.app.terminating(() => relay.stop())
    await relay.start()
    this.logger.info(`outbox relay started (pid ${process.pid})`)
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Jobs and domain events that are never lost: the outbox written in the business transaction,
 * the jobs' state for the admin page and the progress tray, and the deliveries already handled.
 */
export default class extends BaseSchema {
  async up() {
    // One row per delivery attempt: a retry is a new row carrying the same message id.
    this.schema.withSchema('platform').createTable('outbox', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table.uuid('message_id').notNullable()
      table.string('kind', 5).notNullable()
      table.string('name', 120).notNullable()
      table.jsonb('payload').notNullable()
      table.uuid('organization_id').nullable()
      table.uuid('user_id').nullable()
      table.string('consumer', 120).nullable()
      table.integer('attempt').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.raw('now()'))
      table.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(this.raw('now()'))
      table.timestamp('available_at', { useTz: true }).notNullable().defaultTo(this.raw('now()'))
      table.timestamp('published_at', { useTz: true }).nullable()
      table.timestamp('failed_at', { useTz: true }).nullable()
      table.text('last_error').nullable()
    })
    this.schema.raw(
      `ALTER TABLE platform.outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('job', 'event'))`
    )
    this.schema.raw(
      'CREATE INDEX outbox_pending_index ON platform.outbox (available_at) WHERE published_at IS NULL'
    )
    this.schema.raw('CREATE INDEX outbox_message_index ON platform.outbox (message_id)')

    this.schema.withSchema('platform').createTable('jobs', (table) => {
      table.uuid('id').primary()
      table.string('name', 120).notNullable()
      table
        .uuid('organization_id')
        .nullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table
        .uuid('user_id')
        .nullable()
        .references('id')
        .inTable('platform.users')
        .onDelete('SET NULL')
      table.jsonb('label').nullable()
      table.jsonb('payload').notNullable()
      table.string('status', 10).notNullable().defaultTo('queued')
      table.smallint('percent').notNullable().defaultTo(0)
      table.jsonb('message').nullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.integer('max_attempts').notNullable()
      table.text('last_error').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.raw('now()'))
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.raw('now()'))
      table.timestamp('started_at', { useTz: true }).nullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
    })
    this.schema.raw(
      `ALTER TABLE platform.jobs ADD CONSTRAINT jobs_status_check CHECK (status IN ('queued', 'running', 'completed', 'failed', 'discarded'))`
    )
    this.schema.raw(
      'CREATE INDEX jobs_organization_status_index ON platform.jobs (organization_id, status, created_at DESC)'
    )

    this.schema.withSchema('platform').createTable('processed_messages', (table) => {
      table.uuid('message_id').notNullable()
      table.string('consumer', 120).notNullable()
      table.timestamp('processed_at', { useTz: true }).notNullable().defaultTo(this.raw('now()'))
      table.primary(['message_id', 'consumer'])
    })
  }

  async down() {
    this.schema.withSchema('platform').dropTable('processed_messages')
    this.schema.withSchema('platform').dropTable('jobs')
    this.schema.withSchema('platform').dropTable('outbox')
  }
}

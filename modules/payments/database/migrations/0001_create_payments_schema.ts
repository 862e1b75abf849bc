import { BaseSchema } from '@adonisjs/lucid/schema'

/** The payments module's tables, in its own schema. */
export default class extends BaseSchema {
  async up() {
    this.schema.createSchema('payments')
    const organization = (table: { uuid: (name: string) => any }) =>
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')

    // One mobile-money gateway account per organisation; the secret key only ever encrypted.
    this.schema.withSchema('payments').createTable('gateway_settings', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table).unique()
      table.string('gateway', 30).notNullable().defaultTo('unipesa')
      table.string('base_url', 500).notNullable()
      table.string('public_id', 200).notNullable()
      table.string('merchant_id', 200).notNullable()
      table.text('secret_key_encrypted').notNullable()
      table.jsonb('enabled_providers').notNullable()
      table.boolean('enabled').notNullable().defaultTo(true)
      table.uuid('updated_by').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    // A customer's phone asked to pay an invoice (C2B).
    this.schema.withSchema('payments').createTable('payment_requests', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.uuid('document_id').notNullable()
      table.string('document_number', 60).notNullable()
      table.string('order_id', 64).notNullable().unique()
      table.integer('provider_id').notNullable()
      table.string('phone', 20).notNullable()
      table.bigInteger('amount_minor').notNullable()
      table.string('currency', 3).notNullable()
      table.string('status', 20).notNullable().defaultTo('pending')
      table.string('gateway_transaction_id', 100).nullable()
      table.string('operator_reference', 100).nullable()
      table.uuid('invoicing_payment_id').nullable().unique()
      table.string('failure', 300).nullable()
      table.timestamp('checked_at', { useTz: true }).nullable()
      table.timestamp('settled_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['organization_id', 'created_at'])
      table.index(['organization_id', 'document_id'])
    })
    this.schema.raw(
      `ALTER TABLE payments.payment_requests ADD CONSTRAINT payment_requests_status_check
       CHECK (status IN ('pending', 'paid', 'failed', 'disputed'))`
    )
    this.schema.raw(
      'ALTER TABLE payments.payment_requests ADD CONSTRAINT payment_requests_amount_check CHECK (amount_minor > 0)'
    )

    // Money sent to a supplier's phone (B2C): asked by one member, approved by another, then sent.
    this.schema.withSchema('payments').createTable('payouts', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.string('order_id', 64).notNullable().unique()
      table.string('beneficiary_name', 200).notNullable()
      table.integer('provider_id').notNullable()
      table.string('phone', 20).notNullable()
      table.bigInteger('amount_minor').notNullable()
      table.string('currency', 3).notNullable()
      table.string('reason', 300).notNullable()
      table.string('status', 20).notNullable().defaultTo('awaiting_approval')
      table.uuid('requested_by').notNullable()
      table.uuid('decided_by').nullable()
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.string('gateway_transaction_id', 100).nullable()
      table.string('operator_reference', 100).nullable()
      table.string('failure', 300).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['organization_id', 'created_at'])
    })
    this.schema.raw(
      `ALTER TABLE payments.payouts ADD CONSTRAINT payouts_status_check
       CHECK (status IN ('awaiting_approval', 'rejected', 'sending', 'sent', 'paid', 'failed'))`
    )
    this.schema.raw(
      `ALTER TABLE payments.payouts ADD CONSTRAINT payouts_second_person_check
       CHECK (decided_by IS NULL OR decided_by <> requested_by)`
    )
    this.schema.raw(
      'ALTER TABLE payments.payouts ADD CONSTRAINT payouts_amount_check CHECK (amount_minor > 0)'
    )

    // The operator log: every callback received and every status answer, with what was done with it.
    this.schema.withSchema('payments').createTable('gateway_events', (table) => {
      table.bigIncrements('id')
      organization(table)
      table.string('kind', 20).notNullable()
      table.string('outcome', 30).notNullable()
      table.string('order_id', 64).nullable()
      // A callback's fingerprint: the same callback seen twice is a replay.
      table.string('fingerprint', 128).nullable()
      table.jsonb('detail').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['organization_id', 'fingerprint'])
      table.index(['organization_id', 'id'])
    })
  }

  async down() {
    this.schema.dropSchema('payments', true)
  }
}

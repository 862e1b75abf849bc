import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The invoicing module's tables, in its own schema: tax groups and their rates by date, the catalogue,
 * documents (quotes, invoices, credit notes) with their lines and timeline, numbering counters, payments.
 * What was issued is immutable: triggers refuse to change or delete it, whatever the client.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createSchema('invoicing')
    const organization = (table: { uuid(name: string): any }) =>
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')

    this.schema.withSchema('invoicing').createTable('tax_groups', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.string('code', 1).notNullable()
      table.string('label_fr', 200).notNullable()
      table.string('label_en', 200).notNullable()
      table.unique(['organization_id', 'code'])
    })

    // A rate holds from `valid_from` to `valid_to` (open when null); on a date the period that started
    // last wins, so an exemption for a set period sits over the open-ended rate and ends by itself.
    this.schema.withSchema('invoicing').createTable('tax_rates', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table
        .uuid('tax_group_id')
        .notNullable()
        .references('id')
        .inTable('invoicing.tax_groups')
        .onDelete('CASCADE')
      table.decimal('rate', 7, 4).notNullable()
      table.date('valid_from').notNullable()
      table.date('valid_to').nullable()
      table.string('note', 300).nullable()
      table.uuid('created_by').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['tax_group_id', 'valid_from'])
    })
    this.schema.raw(
      'ALTER TABLE invoicing.tax_rates ADD CONSTRAINT tax_rates_rate_check CHECK (rate >= 0 AND rate <= 100)'
    )
    this.schema.raw(
      'ALTER TABLE invoicing.tax_rates ADD CONSTRAINT tax_rates_period_check CHECK (valid_to IS NULL OR valid_to >= valid_from)'
    )

    this.schema.withSchema('invoicing').createTable('products', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.string('kind', 10).notNullable()
      table.string('code', 40).notNullable()
      table.string('name_fr', 200).notNullable()
      table.string('name_en', 200).notNullable()
      table.string('unit', 20).notNullable()
      table.bigInteger('price_minor').notNullable()
      table.string('currency', 3).notNullable()
      table.string('tax_group', 1).notNullable()
      table.timestamp('archived_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(
      "ALTER TABLE invoicing.products ADD CONSTRAINT products_kind_check CHECK (kind IN ('product', 'service'))"
    )
    this.schema.raw(
      'ALTER TABLE invoicing.products ADD CONSTRAINT products_price_check CHECK (price_minor >= 0)'
    )
    this.schema.raw(
      'CREATE UNIQUE INDEX products_code_unique ON invoicing.products (organization_id, lower(code))'
    )
    this.schema.raw(
      'CREATE INDEX products_name ON invoicing.products (organization_id, lower(name_fr), id)'
    )

    // The number format of each series; the counters are per series and year.
    this.schema.withSchema('invoicing').createTable('number_series', (table) => {
      organization(table)
      table.string('kind', 20).notNullable()
      table.string('format', 60).notNullable()
      table.primary(['organization_id', 'kind'])
    })
    this.schema.withSchema('invoicing').createTable('number_counters', (table) => {
      organization(table)
      table.string('kind', 20).notNullable()
      table.integer('year').notNullable()
      table.integer('last_value').notNullable()
      table.primary(['organization_id', 'kind', 'year'])
    })

    this.schema.withSchema('invoicing').createTable('documents', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.string('kind', 20).notNullable()
      table.string('status', 20).notNullable()
      table.string('number', 60).nullable()
      table.string('invoice_type', 20).notNullable()
      table.string('client_category', 2).notNullable()
      table.uuid('customer_id').notNullable()
      table.string('customer_name', 200).notNullable()
      table.jsonb('customer_snapshot').nullable()
      table.jsonb('seller_snapshot').nullable()
      table.date('issue_date').notNullable()
      table.date('due_date').nullable()
      table.date('valid_until').nullable()
      table.integer('payment_terms_days').notNullable().defaultTo(0)
      table.string('currency', 3).notNullable()
      table.string('reporting_currency', 3).notNullable()
      table.decimal('exchange_rate', 24, 10).nullable()
      table.date('exchange_rate_date').nullable()
      table.string('exchange_rate_source', 200).nullable()
      // The organisation's book currency at issue and the rate to it: what exchange differences are measured against.
      table.string('book_currency', 3).nullable()
      table.decimal('book_rate', 24, 10).nullable()
      table.bigInteger('subtotal_minor').notNullable().defaultTo(0)
      table.bigInteger('tax_minor').notNullable().defaultTo(0)
      table.bigInteger('total_minor').notNullable().defaultTo(0)
      table.bigInteger('reporting_total_minor').nullable()
      table.jsonb('tax_totals').notNullable().defaultTo('[]')
      table.bigInteger('paid_minor').notNullable().defaultTo(0)
      table.bigInteger('credited_minor').notNullable().defaultTo(0)
      table.uuid('credited_document_id').nullable().references('id').inTable('invoicing.documents')
      table.text('notes').nullable()
      table.uuid('created_by').nullable()
      table.uuid('issued_by').nullable()
      table.timestamp('issued_at', { useTz: true }).nullable()
      table.timestamp('sent_at', { useTz: true }).nullable()
      table.timestamp('cancelled_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(
      "ALTER TABLE invoicing.documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('invoice', 'quote', 'credit_note'))"
    )
    this.schema.raw(
      "ALTER TABLE invoicing.documents ADD CONSTRAINT documents_status_check CHECK (status IN ('draft', 'issued', 'sent', 'partially_paid', 'paid', 'cancelled'))"
    )
    this.schema.raw(
      "ALTER TABLE invoicing.documents ADD CONSTRAINT documents_number_check CHECK ((status = 'draft') = (number IS NULL))"
    )
    this.schema.raw(
      'ALTER TABLE invoicing.documents ADD CONSTRAINT documents_paid_check CHECK (paid_minor >= 0 AND credited_minor >= 0 AND paid_minor + credited_minor <= total_minor)'
    )
    this.schema.raw(
      'CREATE UNIQUE INDEX documents_number_unique ON invoicing.documents (organization_id, kind, number) WHERE number IS NOT NULL'
    )
    // Keyset lists: newest first by issue date, ties broken by id; filters on status, customer and currency.
    this.schema.raw(
      'CREATE INDEX documents_list ON invoicing.documents (organization_id, kind, issue_date DESC, id DESC)'
    )
    this.schema.raw(
      'CREATE INDEX documents_list_status ON invoicing.documents (organization_id, kind, status, issue_date DESC, id DESC)'
    )
    this.schema.raw(
      'CREATE INDEX documents_list_customer ON invoicing.documents (organization_id, customer_id, issue_date DESC, id DESC)'
    )
    this.schema.raw(
      "CREATE INDEX documents_open_due ON invoicing.documents (organization_id, due_date) WHERE status IN ('issued', 'sent', 'partially_paid')"
    )
    this.schema.raw(
      'CREATE INDEX documents_search ON invoicing.documents USING gin (lower(customer_name) gin_trgm_ops)'
    )

    this.schema.withSchema('invoicing').createTable('document_lines', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table
        .uuid('document_id')
        .notNullable()
        .references('id')
        .inTable('invoicing.documents')
        .onDelete('CASCADE')
      table.integer('position').notNullable()
      table.uuid('product_id').nullable()
      table.string('description', 500).notNullable()
      table.decimal('quantity', 18, 4).notNullable()
      table.string('unit', 20).nullable()
      // A unit price may carry more digits than the currency (0.125 USD a unit); line amounts never do.
      table.decimal('unit_price', 24, 6).notNullable()
      table.decimal('discount_percent', 7, 4).nullable()
      table.decimal('discount_amount', 24, 6).nullable()
      table.string('tax_group', 1).notNullable()
      table.decimal('tax_rate', 7, 4).notNullable()
      table.bigInteger('gross_minor').notNullable()
      table.bigInteger('discount_minor').notNullable()
      table.bigInteger('net_minor').notNullable()
      table.unique(['document_id', 'position'])
    })

    // Who did what to a document, oldest first.
    this.schema.withSchema('invoicing').createTable('document_events', (table) => {
      table.bigIncrements('id')
      organization(table)
      table
        .uuid('document_id')
        .notNullable()
        .references('id')
        .inTable('invoicing.documents')
        .onDelete('CASCADE')
      table.string('action', 40).notNullable()
      table.uuid('actor_id').nullable()
      table.jsonb('data').notNullable().defaultTo('{}')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['document_id', 'id'])
    })

    this.schema.withSchema('invoicing').createTable('payments', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.string('method', 20).notNullable()
      table.string('reference', 100).nullable()
      table.date('received_on').notNullable()
      table.string('currency', 3).notNullable()
      table.bigInteger('amount_minor').notNullable()
      table.string('book_currency', 3).notNullable()
      table.bigInteger('exchange_difference_minor').notNullable().defaultTo(0)
      table.uuid('customer_id').notNullable()
      table.uuid('created_by').nullable()
      table.timestamp('reversed_at', { useTz: true }).nullable()
      table.uuid('reversed_by').nullable()
      table.string('reversal_reason', 300).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
    this.schema.raw(
      "ALTER TABLE invoicing.payments ADD CONSTRAINT payments_method_check CHECK (method IN ('cash', 'transfer', 'mobile_money', 'card'))"
    )
    this.schema.raw(
      'ALTER TABLE invoicing.payments ADD CONSTRAINT payments_amount_check CHECK (amount_minor > 0)'
    )
    this.schema.raw(
      'CREATE INDEX payments_list ON invoicing.payments (organization_id, received_on DESC, id DESC)'
    )
    this.schema.raw(
      'ALTER TABLE invoicing.document_lines ADD CONSTRAINT document_lines_quantity_check CHECK (quantity >= 0)'
    )

    // How a payment is split over invoices: the part in the payment's currency, the part it settles in
    // the invoice's currency (converted at the payment date), and the exchange difference in the book
    // currency: what the part is worth on the payment date against what it was worth at the invoice's issue.
    this.schema.withSchema('invoicing').createTable('payment_allocations', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table
        .uuid('payment_id')
        .notNullable()
        .references('id')
        .inTable('invoicing.payments')
        .onDelete('CASCADE')
      table.uuid('document_id').notNullable().references('id').inTable('invoicing.documents')
      table.bigInteger('amount_minor').notNullable()
      table.bigInteger('applied_minor').notNullable()
      table.decimal('exchange_rate', 24, 10).nullable()
      table.bigInteger('exchange_difference_minor').notNullable().defaultTo(0)
      table.unique(['payment_id', 'document_id'])
      table.index(['document_id'])
    })

    // What was issued stays as issued: only the settlement fields (status, paid, credited, sent,
    // cancelled) of an issued document may change, its lines never, and neither can be deleted.
    this.schema.raw(`
      CREATE FUNCTION invoicing.refuse_issued_document_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        mutable text[] := ARRAY['status', 'paid_minor', 'credited_minor', 'sent_at', 'cancelled_at', 'updated_at'];
      BEGIN
        IF OLD.status = 'draft' THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'issued document % cannot be deleted', OLD.number USING ERRCODE = 'P0001', CONSTRAINT = 'invoicing_issued_immutable';
        END IF;
        IF NEW.status = 'draft' OR (to_jsonb(NEW) - mutable) IS DISTINCT FROM (to_jsonb(OLD) - mutable) THEN
          RAISE EXCEPTION 'issued document % cannot be changed', OLD.number USING ERRCODE = 'P0001', CONSTRAINT = 'invoicing_issued_immutable';
        END IF;
        RETURN NEW;
      END $$
    `)
    this.schema.raw(`
      CREATE TRIGGER documents_issued_immutable BEFORE UPDATE OR DELETE ON invoicing.documents
      FOR EACH ROW EXECUTE FUNCTION invoicing.refuse_issued_document_change()
    `)
    this.schema.raw(`
      CREATE FUNCTION invoicing.refuse_issued_line_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parent_status text;
      BEGIN
        SELECT status INTO parent_status FROM invoicing.documents
          WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.document_id ELSE OLD.document_id END;
        IF parent_status IS NOT NULL AND parent_status <> 'draft' THEN
          RAISE EXCEPTION 'lines of an issued document cannot be changed' USING ERRCODE = 'P0001', CONSTRAINT = 'invoicing_issued_immutable';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$
    `)
    this.schema.raw(`
      CREATE TRIGGER document_lines_issued_immutable BEFORE INSERT OR UPDATE OR DELETE ON invoicing.document_lines
      FOR EACH ROW EXECUTE FUNCTION invoicing.refuse_issued_line_change()
    `)
    // Payments are reversed, never deleted, and what they settled never changes.
    this.schema.raw(`
      CREATE FUNCTION invoicing.refuse_payment_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'payments are reversed, never deleted' USING ERRCODE = 'P0001', CONSTRAINT = 'invoicing_payment_immutable';
        END IF;
        IF OLD.reversed_at IS NOT NULL OR (to_jsonb(NEW) - ARRAY['reversed_at', 'reversed_by', 'reversal_reason'])
            IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['reversed_at', 'reversed_by', 'reversal_reason']) THEN
          RAISE EXCEPTION 'a recorded payment cannot be changed' USING ERRCODE = 'P0001', CONSTRAINT = 'invoicing_payment_immutable';
        END IF;
        RETURN NEW;
      END $$
    `)
    this.schema.raw(`
      CREATE TRIGGER payments_immutable BEFORE UPDATE OR DELETE ON invoicing.payments
      FOR EACH ROW EXECUTE FUNCTION invoicing.refuse_payment_change()
    `)
    this.schema.raw(`
      CREATE FUNCTION invoicing.refuse_allocation_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'what a payment settled cannot be changed' USING ERRCODE = 'P0001', CONSTRAINT = 'invoicing_payment_immutable';
      END $$
    `)
    this.schema.raw(`
      CREATE TRIGGER payment_allocations_immutable BEFORE UPDATE OR DELETE ON invoicing.payment_allocations
      FOR EACH ROW EXECUTE FUNCTION invoicing.refuse_allocation_change()
    `)
  }

  async down() {
    this.schema.raw('DROP SCHEMA invoicing CASCADE')
  }
}

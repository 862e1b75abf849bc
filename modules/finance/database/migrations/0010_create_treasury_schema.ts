import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Treasury on top of the ledger: the organisation's cash boxes, bank accounts and mobile-money
 * wallets (each tied to its own ledger sub-account), plain-words categories mapped to SYSCOHADA
 * accounts, simple transactions that post entries, imported statement lines and their
 * reconciliation, and budgets per category and month.
 */
export default class extends BaseSchema {
  async up() {
    const organization = (table: { uuid(name: string): any }) =>
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')

    this.schema.withSchema('finance').createTable('treasury_accounts', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.string('kind', 20).notNullable()
      // For mobile-money wallets: mpesa, orange_money, airtel_money, afrimoney.
      table.string('provider', 20).nullable()
      table.string('name', 120).notNullable()
      table.string('currency', 3).notNullable()
      table.uuid('account_id').notNullable()
      table.string('bank_name', 120).nullable()
      table.string('account_number', 60).nullable()
      table.bigInteger('opening_balance_minor').notNullable().defaultTo(0)
      table.date('opening_date').notNullable()
      // Where invoicing payments of this method and currency are booked.
      table.boolean('receives_payments').notNullable().defaultTo(false)
      table.timestamp('archived_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['organization_id', 'id'])
      table.unique(['organization_id', 'account_id'])
    })
    this.schema.raw(`
      ALTER TABLE finance.treasury_accounts
        ADD CONSTRAINT treasury_accounts_kind_check CHECK (kind IN ('cash', 'bank', 'mobile_money')),
        ADD CONSTRAINT treasury_accounts_provider_check CHECK (
          (kind = 'mobile_money') = (provider IS NOT NULL)
          AND (provider IS NULL OR provider IN ('mpesa', 'orange_money', 'airtel_money', 'afrimoney'))),
        ADD CONSTRAINT treasury_accounts_account_fk FOREIGN KEY (organization_id, account_id)
          REFERENCES finance.accounts (organization_id, id)
    `)
    this.schema.raw(`
      CREATE UNIQUE INDEX treasury_accounts_one_receiving ON finance.treasury_accounts (organization_id, kind, currency)
      WHERE receives_payments AND archived_at IS NULL
    `)

    this.schema.withSchema('finance').createTable('categories', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.string('kind', 10).notNullable()
      // Stable name of a seeded category (rent, salaries...); null for one the organisation added.
      table.string('key', 40).nullable()
      table.string('name_fr', 120).notNullable()
      table.string('name_en', 120).notNullable()
      table.uuid('account_id').notNullable()
      table.timestamp('archived_at', { useTz: true }).nullable()
      table.unique(['organization_id', 'id'])
      table.unique(['organization_id', 'key'])
    })
    this.schema.raw(`
      ALTER TABLE finance.categories
        ADD CONSTRAINT categories_kind_check CHECK (kind IN ('income', 'expense')),
        ADD CONSTRAINT categories_account_fk FOREIGN KEY (organization_id, account_id)
          REFERENCES finance.accounts (organization_id, id)
    `)

    this.schema.withSchema('finance').createTable('transactions', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.string('kind', 10).notNullable()
      table.date('transaction_date').notNullable()
      table.uuid('treasury_account_id').notNullable()
      table.uuid('to_treasury_account_id').nullable()
      table.string('currency', 3).notNullable()
      // Total paid or received, tax included, in the account's currency.
      table.bigInteger('amount_minor').notNullable()
      // A transfer across currencies: what arrived, and 1 unit of `currency` = `rate` of the other.
      table.bigInteger('to_amount_minor').nullable()
      table.decimal('rate', 24, 12).nullable()
      table.uuid('category_id').nullable()
      table.uuid('contact_id').nullable()
      table.string('contact_name', 200).nullable()
      table.bigInteger('tax_minor').notNullable().defaultTo(0)
      table.string('description', 300).notNullable()
      table.string('reference', 80).nullable()
      table.specificType('tags', 'text[]').notNullable().defaultTo('{}')
      table.uuid('entry_id').notNullable()
      table.uuid('created_by').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['organization_id', 'id'])
    })
    this.schema.raw(`
      ALTER TABLE finance.transactions
        ADD CONSTRAINT transactions_kind_check CHECK (kind IN ('income', 'expense', 'transfer')),
        ADD CONSTRAINT transactions_amount_check CHECK (amount_minor > 0 AND tax_minor >= 0 AND tax_minor < amount_minor),
        ADD CONSTRAINT transactions_transfer_check CHECK (
          (kind = 'transfer') = (to_treasury_account_id IS NOT NULL)
          AND (kind = 'transfer' OR category_id IS NOT NULL)
          AND to_treasury_account_id IS DISTINCT FROM treasury_account_id),
        ADD CONSTRAINT transactions_account_fk FOREIGN KEY (organization_id, treasury_account_id)
          REFERENCES finance.treasury_accounts (organization_id, id),
        ADD CONSTRAINT transactions_to_account_fk FOREIGN KEY (organization_id, to_treasury_account_id)
          REFERENCES finance.treasury_accounts (organization_id, id),
        ADD CONSTRAINT transactions_category_fk FOREIGN KEY (organization_id, category_id)
          REFERENCES finance.categories (organization_id, id),
        ADD CONSTRAINT transactions_entry_fk FOREIGN KEY (organization_id, entry_id)
          REFERENCES finance.entries (organization_id, id)
    `)
    this.schema.raw(
      'CREATE INDEX transactions_by_date ON finance.transactions (organization_id, transaction_date DESC, created_at DESC)'
    )

    this.schema.withSchema('finance').createTable('transaction_attachments', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.uuid('transaction_id').notNullable()
      table.string('file_path', 300).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('content_type', 100).notNullable()
      table.integer('size').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(`
      ALTER TABLE finance.transaction_attachments ADD CONSTRAINT transaction_attachments_transaction_fk
        FOREIGN KEY (organization_id, transaction_id) REFERENCES finance.transactions (organization_id, id)
        ON DELETE CASCADE
    `)

    this.schema.withSchema('finance').createTable('statement_imports', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.uuid('treasury_account_id').notNullable()
      table.string('file_name', 255).notNullable()
      table.string('file_path', 300).notNullable()
      table.string('format', 10).notNullable()
      // analysing -> ready (preview kept) -> confirmed; failed when the job could not read the file.
      table.string('status', 12).notNullable()
      table.jsonb('reading').nullable()
      table.jsonb('row_errors').notNullable().defaultTo('[]')
      table.integer('line_count').notNullable().defaultTo(0)
      table.integer('duplicate_count').notNullable().defaultTo(0)
      table.uuid('job_id').nullable()
      table.uuid('created_by').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('confirmed_at', { useTz: true }).nullable()
      table.unique(['organization_id', 'id'])
    })
    this.schema.raw(`
      ALTER TABLE finance.statement_imports
        ADD CONSTRAINT statement_imports_status_check CHECK (status IN ('analysing', 'ready', 'confirmed', 'failed')),
        ADD CONSTRAINT statement_imports_account_fk FOREIGN KEY (organization_id, treasury_account_id)
          REFERENCES finance.treasury_accounts (organization_id, id)
    `)

    this.schema.withSchema('finance').createTable('statement_lines', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.uuid('import_id').notNullable()
      table.uuid('treasury_account_id').notNullable()
      table.integer('line_no').notNullable()
      table.date('line_date').notNullable()
      table.bigInteger('amount_minor').notNullable()
      table.string('description', 500).notNullable()
      table.string('reference', 140).nullable()
      table.string('counterparty', 200).nullable()
      table.string('external_id', 140).nullable()
      table.string('fingerprint', 64).notNullable()
      // preview and duplicate before confirmation; unmatched then reconciled once confirmed.
      table.string('status', 12).notNullable()
      table.uuid('matched_entry_id').nullable()
      table.timestamp('reconciled_at', { useTz: true }).nullable()
      table.unique(['organization_id', 'id'])
    })
    this.schema.raw(`
      ALTER TABLE finance.statement_lines
        ADD CONSTRAINT statement_lines_status_check CHECK (status IN ('preview', 'duplicate', 'unmatched', 'reconciled')),
        ADD CONSTRAINT statement_lines_reconciled_check CHECK ((status = 'reconciled') = (matched_entry_id IS NOT NULL)),
        ADD CONSTRAINT statement_lines_import_fk FOREIGN KEY (organization_id, import_id)
          REFERENCES finance.statement_imports (organization_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT statement_lines_entry_fk FOREIGN KEY (organization_id, matched_entry_id)
          REFERENCES finance.entries (organization_id, id)
    `)
    // A movement of the bank is in the books once, and an entry is the counterpart of one line at most.
    this.schema.raw(`
      CREATE UNIQUE INDEX statement_lines_once ON finance.statement_lines (organization_id, treasury_account_id, fingerprint)
      WHERE status IN ('unmatched', 'reconciled')
    `)
    this.schema.raw(`
      CREATE UNIQUE INDEX statement_lines_entry_once ON finance.statement_lines (organization_id, matched_entry_id)
      WHERE matched_entry_id IS NOT NULL
    `)
    this.schema.raw(
      'CREATE INDEX statement_lines_by_import ON finance.statement_lines (organization_id, import_id, line_no)'
    )

    this.schema.withSchema('finance').createTable('budgets', (table) => {
      organization(table)
      table.uuid('category_id').notNullable()
      table.date('month').notNullable()
      // In the organisation's book currency.
      table.bigInteger('amount_minor').notNullable()
      table.primary(['organization_id', 'category_id', 'month'])
    })
    this.schema.raw(`
      ALTER TABLE finance.budgets
        ADD CONSTRAINT budgets_month_check CHECK (extract(day FROM month) = 1 AND amount_minor >= 0),
        ADD CONSTRAINT budgets_category_fk FOREIGN KEY (organization_id, category_id)
          REFERENCES finance.categories (organization_id, id)
    `)
  }

  async down() {
    for (const table of [
      'budgets',
      'statement_lines',
      'statement_imports',
      'transaction_attachments',
      'transactions',
      'categories',
      'treasury_accounts',
    ])
      this.schema.withSchema('finance').dropTableIfExists(table)
  }
}

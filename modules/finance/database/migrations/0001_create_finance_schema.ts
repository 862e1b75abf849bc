import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The finance module's ledger, in its own schema: the chart of accounts, journals, fiscal years,
 * journal entries with their lines, and per-account per-day rollups. The database itself keeps the
 * books honest, whatever the client: an entry balances (checked when its transaction commits), a
 * posted entry never changes, nothing is posted on or before the lock date or into a closed fiscal
 * year, a line names an account of its own organisation, and the rollups follow every posting.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createSchema('finance')
    const organization = (table: { uuid(name: string): any }) =>
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')

    // One row per organisation that enabled the module: its ledger exists when this row does.
    this.schema.withSchema('finance').createTable('settings', (table) => {
      organization(table).primary()
      table.string('book_currency', 3).notNullable()
      table.string('reporting_currency', 3).notNullable()
      table.date('lock_date').nullable()
      // Where invoiced sales go (7011 goods, 7061 services...), chosen by the organisation.
      table.string('sales_account', 20).notNullable().defaultTo('7011')
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })

    this.schema.withSchema('finance').createTable('accounts', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.string('code', 20).notNullable()
      table.smallint('class').notNullable()
      table.string('name_fr', 200).notNullable()
      table.string('name_en', 200).notNullable()
      table.string('account_type', 40).notNullable()
      table.uuid('parent_id').nullable()
      table.boolean('reconcile').notNullable().defaultTo(false)
      // 'chart' for the seeded SYSCOHADA accounts, 'organization' for the sub-accounts it adds.
      table.string('origin', 20).notNullable()
      table.timestamp('archived_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['organization_id', 'code'])
      table.unique(['organization_id', 'id'])
    })
    this.schema.raw(`
      ALTER TABLE finance.accounts
        ADD CONSTRAINT accounts_code_check CHECK (code ~ '^[1-9][0-9A-Z]*$'),
        ADD CONSTRAINT accounts_class_check CHECK (class = substr(code, 1, 1)::smallint),
        ADD CONSTRAINT accounts_origin_check CHECK (origin IN ('chart', 'organization')),
        ADD CONSTRAINT accounts_parent_fk FOREIGN KEY (organization_id, parent_id)
          REFERENCES finance.accounts (organization_id, id)
    `)

    this.schema.withSchema('finance').createTable('journals', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.string('code', 8).notNullable()
      table.string('kind', 20).notNullable()
      table.string('name_fr', 120).notNullable()
      table.string('name_en', 120).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['organization_id', 'code'])
      table.unique(['organization_id', 'id'])
    })
    this.schema.raw(`
      ALTER TABLE finance.journals ADD CONSTRAINT journals_kind_check
        CHECK (kind IN ('sales', 'purchases', 'bank', 'cash', 'mobile_money', 'misc'))
    `)

    // OHADA fiscal years are calendar years (Acte uniforme relatif au droit comptable, art. 7).
    this.schema.withSchema('finance').createTable('fiscal_years', (table) => {
      organization(table)
      table.integer('year').notNullable()
      table.date('starts_on').notNullable()
      table.date('ends_on').notNullable()
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.uuid('closed_by').nullable()
      table.primary(['organization_id', 'year'])
    })

    this.schema.withSchema('finance').createTable('journal_counters', (table) => {
      organization(table)
      table.uuid('journal_id').notNullable()
      table.integer('year').notNullable()
      table.integer('last_value').notNullable()
      table.primary(['organization_id', 'journal_id', 'year'])
    })

    this.schema.withSchema('finance').createTable('entries', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.uuid('journal_id').notNullable()
      table.string('number', 40).notNullable()
      table.date('entry_date').notNullable()
      table.string('description', 300).notNullable()
      // What the entry books: invoice, credit_note, payment, transaction, import, manual...
      table.string('source_type', 40).nullable()
      table.string('source_id', 80).nullable()
      table.string('currency', 3).notNullable()
      table.string('book_currency', 3).notNullable()
      table.string('reporting_currency', 3).notNullable()
      // 1 book currency = reporting_rate reporting currency, on the entry's date.
      table.decimal('reporting_rate', 24, 10).notNullable()
      table.uuid('reverses_entry_id').nullable().unique()
      table.uuid('created_by').nullable()
      table.timestamp('posted_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['organization_id', 'number'])
      table.unique(['organization_id', 'id'])
    })
    this.schema.raw(`
      ALTER TABLE finance.entries
        ADD COLUMN posted_xact xid8 NOT NULL DEFAULT pg_current_xact_id(),
        ADD CONSTRAINT entries_journal_fk FOREIGN KEY (organization_id, journal_id)
          REFERENCES finance.journals (organization_id, id),
        ADD CONSTRAINT entries_reverses_fk FOREIGN KEY (organization_id, reverses_entry_id)
          REFERENCES finance.entries (organization_id, id),
        ADD CONSTRAINT entries_source_check CHECK ((source_type IS NULL) = (source_id IS NULL))
    `)
    // A source is booked once; its reversal is the only other entry that names it.
    this.schema.raw(`
      CREATE UNIQUE INDEX entries_source_unique ON finance.entries (organization_id, source_type, source_id)
      WHERE source_id IS NOT NULL AND reverses_entry_id IS NULL
    `)
    this.schema.raw(
      'CREATE INDEX entries_by_date ON finance.entries (organization_id, entry_date, number)'
    )

    this.schema.withSchema('finance').createTable('entry_lines', (table) => {
      table.bigIncrements('id').primary()
      organization(table)
      table.uuid('entry_id').notNullable()
      table.date('entry_date').notNullable()
      table.smallint('line_no').notNullable()
      table.uuid('account_id').notNullable()
      table.string('description', 300).nullable()
      // In the organisation's book currency (minor units): what balances.
      table.bigInteger('debit_minor').notNullable()
      table.bigInteger('credit_minor').notNullable()
      // In the line's transaction currency, signed: debit positive, credit negative.
      table.string('currency', 3).notNullable()
      table.bigInteger('amount_minor').notNullable()
      // In the reporting currency, at the entry's rate.
      table.bigInteger('reporting_debit_minor').notNullable()
      table.bigInteger('reporting_credit_minor').notNullable()
      // The customer or supplier (a contacts id), the document the line settles or is settled by, its due date.
      table.uuid('partner_id').nullable()
      table.string('match_ref', 80).nullable()
      table.date('due_date').nullable()
      table.string('tax_group', 1).nullable()
      table.unique(['entry_id', 'line_no'])
    })
    this.schema.raw(`
      ALTER TABLE finance.entry_lines
        ADD CONSTRAINT entry_lines_entry_fk FOREIGN KEY (organization_id, entry_id)
          REFERENCES finance.entries (organization_id, id),
        ADD CONSTRAINT entry_lines_account_fk FOREIGN KEY (organization_id, account_id)
          REFERENCES finance.accounts (organization_id, id),
        ADD CONSTRAINT entry_lines_amounts_check CHECK (
          debit_minor >= 0 AND credit_minor >= 0 AND (debit_minor = 0 OR credit_minor = 0)
          AND reporting_debit_minor >= 0 AND reporting_credit_minor >= 0
          AND (reporting_debit_minor = 0 OR reporting_credit_minor = 0)
        )
    `)
    this.schema.raw(
      'CREATE INDEX entry_lines_by_account ON finance.entry_lines (organization_id, account_id, entry_date, entry_id)'
    )
    this.schema.raw(
      'CREATE INDEX entry_lines_by_match ON finance.entry_lines (organization_id, match_ref) WHERE match_ref IS NOT NULL'
    )

    // Sums per account, day and transaction currency, kept by the posting transaction itself.
    this.schema.withSchema('finance').createTable('daily_balances', (table) => {
      organization(table)
      table.uuid('account_id').notNullable()
      table.date('day').notNullable()
      table.string('currency', 3).notNullable()
      table.bigInteger('debit_minor').notNullable()
      table.bigInteger('credit_minor').notNullable()
      table.bigInteger('amount_minor').notNullable()
      table.bigInteger('reporting_debit_minor').notNullable()
      table.bigInteger('reporting_credit_minor').notNullable()
      table.integer('line_count').notNullable()
      table.primary(['organization_id', 'account_id', 'day', 'currency'])
    })
    this.schema.raw(
      'CREATE INDEX daily_balances_by_day ON finance.daily_balances (organization_id, day)'
    )

    this.schema.raw(`
      CREATE FUNCTION finance.check_posting_date() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        locked date;
      BEGIN
        SELECT lock_date INTO locked FROM finance.settings WHERE organization_id = NEW.organization_id;
        IF locked IS NOT NULL AND NEW.entry_date <= locked THEN
          RAISE EXCEPTION 'entry dated % is on or before the lock date %', NEW.entry_date, locked
            USING ERRCODE = 'P0001', CONSTRAINT = 'finance_lock_date';
        END IF;
        IF EXISTS (SELECT 1 FROM finance.fiscal_years WHERE organization_id = NEW.organization_id
            AND NEW.entry_date BETWEEN starts_on AND ends_on AND closed_at IS NOT NULL) THEN
          RAISE EXCEPTION 'entry dated % falls in a closed fiscal year', NEW.entry_date
            USING ERRCODE = 'P0001', CONSTRAINT = 'finance_lock_date';
        END IF;
        RETURN NEW;
      END $$
    `)
    this.schema.raw(`
      CREATE TRIGGER entries_posting_date BEFORE INSERT ON finance.entries
      FOR EACH ROW EXECUTE FUNCTION finance.check_posting_date()
    `)
    this.schema.raw(`
      CREATE FUNCTION finance.refuse_posted_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'posted entries are reversed, never changed or deleted'
          USING ERRCODE = 'P0001', CONSTRAINT = 'finance_entry_immutable';
      END $$
    `)
    this.schema.raw(`
      CREATE TRIGGER entries_immutable BEFORE UPDATE OR DELETE ON finance.entries
      FOR EACH ROW EXECUTE FUNCTION finance.refuse_posted_change()
    `)
    this.schema.raw(`
      CREATE TRIGGER entry_lines_immutable BEFORE UPDATE OR DELETE ON finance.entry_lines
      FOR EACH ROW EXECUTE FUNCTION finance.refuse_posted_change()
    `)
    // Lines join their entry in the transaction that posted it, never later, and carry its date.
    this.schema.raw(`
      CREATE FUNCTION finance.check_line_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parent finance.entries%ROWTYPE;
      BEGIN
        SELECT * INTO parent FROM finance.entries WHERE id = NEW.entry_id;
        IF parent.posted_xact IS DISTINCT FROM pg_current_xact_id() THEN
          RAISE EXCEPTION 'lines cannot be added to a posted entry'
            USING ERRCODE = 'P0001', CONSTRAINT = 'finance_entry_immutable';
        END IF;
        NEW.entry_date := parent.entry_date;
        RETURN NEW;
      END $$
    `)
    this.schema.raw(`
      CREATE TRIGGER entry_lines_entry BEFORE INSERT ON finance.entry_lines
      FOR EACH ROW EXECUTE FUNCTION finance.check_line_entry()
    `)
    // Debit = credit, in the book and in the reporting currency, at least two lines: checked at commit.
    this.schema.raw(`
      CREATE FUNCTION finance.check_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        checked uuid;
        totals record;
      BEGIN
        IF TG_TABLE_NAME = 'entries' THEN
          checked := NEW.id;
        ELSE
          checked := NEW.entry_id;
        END IF;
        SELECT count(*) AS lines, coalesce(sum(debit_minor), 0) AS debit, coalesce(sum(credit_minor), 0) AS credit,
          coalesce(sum(reporting_debit_minor), 0) AS reporting_debit, coalesce(sum(reporting_credit_minor), 0) AS reporting_credit
        INTO totals FROM finance.entry_lines WHERE entry_id = checked;
        IF totals.lines < 2 OR totals.debit <> totals.credit OR totals.reporting_debit <> totals.reporting_credit
            OR totals.debit = 0 THEN
          RAISE EXCEPTION 'entry % does not balance (% lines, debit %, credit %)', checked, totals.lines, totals.debit, totals.credit
            USING ERRCODE = '23514', CONSTRAINT = 'finance_entry_balanced';
        END IF;
        RETURN NULL;
      END $$
    `)
    this.schema.raw(`
      CREATE CONSTRAINT TRIGGER entries_balanced AFTER INSERT ON finance.entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION finance.check_entry_balanced()
    `)
    this.schema.raw(`
      CREATE CONSTRAINT TRIGGER entry_lines_balanced AFTER INSERT ON finance.entry_lines
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION finance.check_entry_balanced()
    `)
    this.schema.raw(`
      CREATE FUNCTION finance.roll_up_lines() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO finance.daily_balances AS balance (organization_id, account_id, day, currency, debit_minor,
          credit_minor, amount_minor, reporting_debit_minor, reporting_credit_minor, line_count)
        SELECT organization_id, account_id, entry_date, currency, sum(debit_minor), sum(credit_minor),
          sum(amount_minor), sum(reporting_debit_minor), sum(reporting_credit_minor), count(*)
        FROM posted_lines GROUP BY organization_id, account_id, entry_date, currency
        ORDER BY organization_id, account_id, entry_date, currency
        ON CONFLICT (organization_id, account_id, day, currency) DO UPDATE SET
          debit_minor = balance.debit_minor + EXCLUDED.debit_minor,
          credit_minor = balance.credit_minor + EXCLUDED.credit_minor,
          amount_minor = balance.amount_minor + EXCLUDED.amount_minor,
          reporting_debit_minor = balance.reporting_debit_minor + EXCLUDED.reporting_debit_minor,
          reporting_credit_minor = balance.reporting_credit_minor + EXCLUDED.reporting_credit_minor,
          line_count = balance.line_count + EXCLUDED.line_count;
        RETURN NULL;
      END $$
    `)
    this.schema.raw(`
      CREATE TRIGGER entry_lines_roll_up AFTER INSERT ON finance.entry_lines
      REFERENCING NEW TABLE AS posted_lines FOR EACH STATEMENT EXECUTE FUNCTION finance.roll_up_lines()
    `)
  }

  async down() {
    this.schema.dropSchema('finance', true)
  }
}

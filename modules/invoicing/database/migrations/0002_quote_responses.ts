import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A customer accepts or refuses a quote from their link (`accepted`, `refused`, with when), and an
 * accepted quote names the draft invoice made from it. Both are settlement fields of an issued quote,
 * so the immutability trigger lets them change and nothing else.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('invoicing.documents', (table) => {
      table.timestamp('responded_at', { useTz: true }).nullable()
      table.uuid('invoice_document_id').nullable().references('id').inTable('invoicing.documents')
    })
    this.schema.raw('ALTER TABLE invoicing.documents DROP CONSTRAINT documents_status_check')
    this.schema.raw(
      "ALTER TABLE invoicing.documents ADD CONSTRAINT documents_status_check CHECK (status IN ('draft', 'issued', 'sent', 'partially_paid', 'paid', 'cancelled', 'accepted', 'refused'))"
    )
    this.schema.raw(
      "ALTER TABLE invoicing.documents ADD CONSTRAINT documents_response_check CHECK (status NOT IN ('accepted', 'refused') OR (kind = 'quote' AND responded_at IS NOT NULL))"
    )
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION invoicing.refuse_issued_document_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        mutable text[] := ARRAY['status', 'paid_minor', 'credited_minor', 'sent_at', 'cancelled_at', 'updated_at', 'responded_at', 'invoice_document_id'];
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
  }

  async down() {
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION invoicing.refuse_issued_document_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
    this.schema.raw('ALTER TABLE invoicing.documents DROP CONSTRAINT documents_response_check')
    this.schema.raw('ALTER TABLE invoicing.documents DROP CONSTRAINT documents_status_check')
    this.schema.raw(
      "ALTER TABLE invoicing.documents ADD CONSTRAINT documents_status_check CHECK (status IN ('draft', 'issued', 'sent', 'partially_paid', 'paid', 'cancelled'))"
    )
    this.schema.alterTable('invoicing.documents', (table) => {
      table.dropColumn('invoice_document_id')
      table.dropColumn('responded_at')
    })
  }
}

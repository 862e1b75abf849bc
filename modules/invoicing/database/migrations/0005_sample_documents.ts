import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Sample data: products, documents and payments made by the demo data are marked `sample` when created (the mark
 * is not among what an issued document may change), and only they may be deleted, when an admin removes
 * the sample data. Every other issued document and payment stays refused to deletion as before.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('invoicing.documents', (table) => {
      table.boolean('sample').notNullable().defaultTo(false)
    })
    this.schema.alterTable('invoicing.payments', (table) => {
      table.boolean('sample').notNullable().defaultTo(false)
    })
    this.schema.alterTable('invoicing.products', (table) => {
      table.boolean('sample').notNullable().defaultTo(false)
    })
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION invoicing.refuse_issued_document_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        mutable text[] := ARRAY['status', 'paid_minor', 'credited_minor', 'sent_at', 'cancelled_at', 'updated_at', 'responded_at', 'invoice_document_id'];
      BEGIN
        IF OLD.status = 'draft' OR (TG_OP = 'DELETE' AND OLD.sample) THEN
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
      CREATE OR REPLACE FUNCTION invoicing.refuse_issued_line_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parent_status text;
        parent_sample boolean;
      BEGIN
        SELECT status, sample INTO parent_status, parent_sample FROM invoicing.documents
          WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.document_id ELSE OLD.document_id END;
        IF TG_OP = 'DELETE' AND parent_sample THEN
          RETURN OLD;
        END IF;
        IF parent_status IS NOT NULL AND parent_status <> 'draft' THEN
          RAISE EXCEPTION 'lines of an issued document cannot be changed' USING ERRCODE = 'P0001', CONSTRAINT = 'invoicing_issued_immutable';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$
    `)
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION invoicing.refuse_payment_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND OLD.sample THEN
          RETURN OLD;
        END IF;
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
      CREATE OR REPLACE FUNCTION invoicing.refuse_allocation_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM invoicing.payments WHERE id = OLD.payment_id AND sample) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'what a payment settled cannot be changed' USING ERRCODE = 'P0001', CONSTRAINT = 'invoicing_payment_immutable';
      END $$
    `)
  }

  async down() {
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
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION invoicing.refuse_issued_line_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE OR REPLACE FUNCTION invoicing.refuse_payment_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE OR REPLACE FUNCTION invoicing.refuse_allocation_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'what a payment settled cannot be changed' USING ERRCODE = 'P0001', CONSTRAINT = 'invoicing_payment_immutable';
      END $$
    `)
    this.schema.alterTable('invoicing.products', (table) => table.dropColumn('sample'))
    this.schema.alterTable('invoicing.payments', (table) => table.dropColumn('sample'))
    this.schema.alterTable('invoicing.documents', (table) => table.dropColumn('sample'))
  }
}

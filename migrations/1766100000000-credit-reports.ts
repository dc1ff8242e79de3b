import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Credit reports (专项信用报告) as issued: the PDF's bytes and their SHA-256, the hub's signature,
 * who issued it and for what. The number comes from a sequence and is unique; the verification
 * code is kept only as its SHA-256 (as tip-off secrets are), so a copy of the table cannot be used
 * to prove a report genuine to someone who never saw it. A report, once issued, is what was
 * issued: the row can be neither changed nor removed (as published_report).
 */
export class CreditReports1766100000000 implements MigrationInterface {
  name = "CreditReports1766100000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE credit_report_number_seq`);
    await q.query(`
      CREATE TABLE credit_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        code_hash char(64) NOT NULL,
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        credit_code char(18) NOT NULL,
        enterprise_name text NOT NULL,
        purpose text NOT NULL,
        issuer_kind text NOT NULL CHECK (issuer_kind IN ('agency', 'subject')),
        agency_id uuid REFERENCES agency (id),
        department text,
        issued_at timestamptz NOT NULL,
        sha256 char(64) NOT NULL,
        signature text NOT NULL,
        pdf bytea NOT NULL,
        CHECK ((issuer_kind = 'agency') = (agency_id IS NOT NULL AND department IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX credit_report_enterprise ON credit_report (enterprise_id, issued_at DESC)`);
    await q.query(`
      CREATE FUNCTION refuse_credit_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'credit_report is immutable: % refused', TG_OP; END $$`);
    await q.query(`CREATE TRIGGER credit_report_immutable BEFORE UPDATE OR DELETE ON credit_report FOR EACH ROW EXECUTE FUNCTION refuse_credit_report_change()`);
    await q.query(`CREATE TRIGGER credit_report_no_truncate BEFORE TRUNCATE ON credit_report FOR EACH STATEMENT EXECUTE FUNCTION refuse_credit_report_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credit_report`);
    await q.query(`DROP FUNCTION refuse_credit_report_change()`);
    await q.query(`DROP SEQUENCE credit_report_number_seq`);
  }
}

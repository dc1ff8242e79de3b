import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The subject's rights: enterprises' own keys; credit repair of penalties and the mark an approved
 * repair leaves (repaired records are shared no further); objections to any kind of record, and
 * the marks an upheld one leaves on records that have no revocation of their own (an accident or
 * a risk signal found wrong is void, a breach set aside); and an index of the access log by
 * subject, so that an enterprise's access history is one index range however often it was read.
 */
export class SubjectRights1765300000000 implements MigrationInterface {
  name = "SubjectRights1765300000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subject_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        key_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);

    await q.query(`ALTER TABLE penalty ADD COLUMN repaired_at timestamptz`);
    await q.query(`ALTER TABLE watchlist_entry ADD COLUMN repaired_at timestamptz`);
    await q.query(`ALTER TABLE credit_repair ADD COLUMN penalty_id uuid REFERENCES penalty (id)`);
    await q.query(`ALTER TABLE credit_repair DROP CONSTRAINT credit_repair_check`);
    await q.query(`ALTER TABLE credit_repair ADD CONSTRAINT credit_repair_one_record
      CHECK (num_nonnulls(blacklist_entry_id, watchlist_entry_id, penalty_id) = 1)`);
    await q.query(`DROP INDEX credit_repair_pending`);
    await q.query(`CREATE UNIQUE INDEX credit_repair_pending ON credit_repair (coalesce(blacklist_entry_id, watchlist_entry_id, penalty_id))
      WHERE status = 'SUBMITTED'`);

    await q.query(`ALTER TABLE accident ADD COLUMN voided_at timestamptz`);
    await q.query(`ALTER TABLE risk_signal ADD COLUMN voided_at timestamptz`);
    await q.query(`ALTER TABLE commitment ADD COLUMN breach_set_aside_at timestamptz`);

    await q.query(`CREATE SEQUENCE objection_number_seq`);
    await q.query(`
      CREATE TABLE objection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tracking_number text NOT NULL UNIQUE,
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        target text NOT NULL CHECK (target IN ('PENALTY', 'BLACKLIST_ENTRY', 'WATCHLIST_ENTRY', 'CREDIT_GRADE', 'COMMITMENT_BREACH',
          'ACCIDENT', 'RISK_SIGNAL', 'LICENCE')),
        target_id text NOT NULL,
        responsible_department text NOT NULL,
        filed_by text NOT NULL,
        filed_by_agency uuid REFERENCES agency (id),
        filed_by_subject text,
        grounds text NOT NULL,
        filed_at timestamptz NOT NULL DEFAULT now(),
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'UPHELD', 'REJECTED', 'WITHDRAWN')),
        decided_at timestamptz,
        decided_by text,
        decision text,
        CHECK ((status IN ('UPHELD', 'REJECTED')) = (decision IS NOT NULL))
      )`);
    // One PENDING objection per record: a second filing, even a concurrent one, is refused here.
    await q.query(`CREATE UNIQUE INDEX objection_pending ON objection (target, target_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX objection_enterprise ON objection (enterprise_id, filed_at DESC)`);
    await q.query(`CREATE INDEX objection_responsible ON objection (responsible_department, filed_at DESC)`);

    // Written by the access-log writer in the statement that appends the records (agencies' reads
    // that disclosed protected fields).
    await q.query(`
      CREATE TABLE access_subject (
        credit_code text NOT NULL,
        record_id bigint NOT NULL,
        PRIMARY KEY (credit_code, record_id)
      )`);
    await q.query(`
      INSERT INTO access_subject (credit_code, record_id)
      SELECT DISTINCT s.code, a.id FROM access_record a CROSS JOIN LATERAL unnest(a.subjects) AS s(code)
      WHERE a.agency_id IS NOT NULL AND cardinality(a.sensitive_fields) > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_subject`);
    await q.query(`DROP TABLE objection`);
    await q.query(`DROP SEQUENCE objection_number_seq`);
    await q.query(`ALTER TABLE commitment DROP COLUMN breach_set_aside_at`);
    await q.query(`ALTER TABLE risk_signal DROP COLUMN voided_at`);
    await q.query(`ALTER TABLE accident DROP COLUMN voided_at`);
    await q.query(`DELETE FROM credit_repair WHERE penalty_id IS NOT NULL`);
    await q.query(`DROP INDEX credit_repair_pending`);
    await q.query(`CREATE UNIQUE INDEX credit_repair_pending ON credit_repair (coalesce(blacklist_entry_id, watchlist_entry_id)) WHERE status = 'SUBMITTED'`);
    await q.query(`ALTER TABLE credit_repair DROP CONSTRAINT credit_repair_one_record`);
    await q.query(`ALTER TABLE credit_repair DROP COLUMN penalty_id`);
    await q.query(`ALTER TABLE credit_repair ADD CONSTRAINT credit_repair_check CHECK ((blacklist_entry_id IS NULL) <> (watchlist_entry_id IS NULL))`);
    await q.query(`ALTER TABLE watchlist_entry DROP COLUMN repaired_at`);
    await q.query(`ALTER TABLE penalty DROP COLUMN repaired_at`);
    await q.query(`DROP TABLE subject_key`);
  }
}

import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Credit reviews (one row per call) and the sanction feedback ledger. The ledger is append-only:
 * a correction is a new row that `supersedes` the old one, a retraction is a row of its own;
 * a feedback row is never updated or deleted. The state (CURRENT, CORRECTED, RETRACTED) is read
 * from those rows. Idempotency is the unique key (agency_id, client_reference).
 */
export class FeedbackAndReview1764547200000 implements MigrationInterface {
  name = "FeedbackAndReview1764547200000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE credit_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agency (id),
        matter text NOT NULL,
        codes int NOT NULL,
        reviewed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sanction_feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agency (id),
        department text NOT NULL,
        client_reference text NOT NULL CHECK (length(client_reference) BETWEEN 1 AND 100),
        content_hash char(64) NOT NULL,
        blacklist_entry_id uuid NOT NULL REFERENCES blacklist_entry (id),
        task_id uuid REFERENCES sanction_task (id),
        measure text NOT NULL,
        matter text NOT NULL,
        matter_reference text,
        applied_on date NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('APPLIED', 'PARTIALLY_APPLIED', 'NOT_APPLIED')),
        description text,
        review_id uuid REFERENCES credit_review (id),
        supersedes uuid UNIQUE REFERENCES sanction_feedback (id),
        correction_reason text,
        reported_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, client_reference),
        CHECK (outcome = 'APPLIED' OR description IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX sanction_feedback_entry ON sanction_feedback (blacklist_entry_id)`);
    await q.query(`CREATE INDEX sanction_feedback_task ON sanction_feedback (task_id) WHERE task_id IS NOT NULL`);
    await q.query(`CREATE INDEX sanction_feedback_applied ON sanction_feedback (applied_on, department)`);
    await q.query(`
      CREATE TABLE sanction_feedback_retraction (
        feedback_id uuid PRIMARY KEY REFERENCES sanction_feedback (id),
        agency_id uuid NOT NULL REFERENCES agency (id),
        reason text NOT NULL,
        retracted_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The ledger refuses changes even from code that forgets the rule.
    await q.query(`
      CREATE FUNCTION refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'sanction feedback is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER sanction_feedback_append_only BEFORE UPDATE OR DELETE ON sanction_feedback
      FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change()`);
    await q.query(`
      CREATE TRIGGER sanction_feedback_retraction_append_only BEFORE UPDATE OR DELETE ON sanction_feedback_retraction
      FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sanction_feedback_retraction`);
    await q.query(`DROP TABLE sanction_feedback`);
    await q.query(`DROP FUNCTION refuse_ledger_change()`);
    await q.query(`DROP TABLE credit_review`);
  }
}

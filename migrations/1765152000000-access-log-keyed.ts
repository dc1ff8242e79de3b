import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The keyed access log: records carry their chain format (1 = sha256, the records written before
 * this migration, still verified that way; 2 = HMAC with a key outside the database). Checkpoints
 * are signed copies of the chain head, append-only like the records, so that removing the newest
 * records or moving the head is named by `hub audit verify` even when done by the table's owner.
 */
export class AccessLogKeyed1765152000000 implements MigrationInterface {
  name = "AccessLogKeyed1765152000000";

  async up(q: QueryRunner): Promise<void> {
    // A constant default adds the column without rewriting rows (no row trigger fires); then every
    // writer must name the format it used.
    await q.query(`ALTER TABLE access_record ADD COLUMN chain_version smallint NOT NULL DEFAULT 1 CHECK (chain_version IN (1, 2))`);
    await q.query(`ALTER TABLE access_record ALTER COLUMN chain_version DROP DEFAULT`);
    await q.query(`
      CREATE TABLE access_checkpoint (
        id bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        last_id bigint,
        last_hash char(64) NOT NULL,
        records bigint NOT NULL,
        signature char(64) NOT NULL
      )`);
    await q.query(`
      CREATE TRIGGER access_checkpoint_append_only BEFORE UPDATE OR DELETE ON access_checkpoint
      FOR EACH ROW EXECUTE FUNCTION refuse_access_log_change()`);
    await q.query(`
      CREATE TRIGGER access_checkpoint_no_truncate BEFORE TRUNCATE ON access_checkpoint
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_access_log_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_checkpoint`);
    await q.query(`ALTER TABLE access_record DROP COLUMN chain_version`);
  }
}

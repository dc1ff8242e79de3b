import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The access log is an insert-only hash chain: the chain shows an edit, and these triggers refuse
 * one in the first place, for code that forgets the rule as for a person at a SQL prompt. Only
 * someone who may alter the table (its owner) can get past them, and the chain still names what
 * they changed.
 */
export class AccessLogAppendOnly1764979200000 implements MigrationInterface {
  name = "AccessLogAppendOnly1764979200000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION refuse_access_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the access log is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER access_record_append_only BEFORE UPDATE OR DELETE ON access_record
      FOR EACH ROW EXECUTE FUNCTION refuse_access_log_change()`);
    await q.query(`
      CREATE TRIGGER access_record_no_truncate BEFORE TRUNCATE ON access_record
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_access_log_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER access_record_no_truncate ON access_record`);
    await q.query(`DROP TRIGGER access_record_append_only ON access_record`);
    await q.query(`DROP FUNCTION refuse_access_log_change()`);
  }
}

import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The access log (信用信息查询记录): an insert-only hash chain. Each record's hash covers the
 * previous record's hash and its own canonical content; the head row holds the last hash and the
 * count, so that removing the newest records is detected too. Appends hold the head row's lock.
 */
export class AccessLog1764633600000 implements MigrationInterface {
  name = "AccessLog1764633600000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_record (
        id bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        agency_id uuid REFERENCES agency (id),
        operation_name text,
        purpose text,
        subjects text[] NOT NULL,
        persons uuid[] NOT NULL,
        sensitive_fields text[] NOT NULL,
        denied_fields text[] NOT NULL,
        previous_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      )`);
    await q.query(`CREATE SEQUENCE access_record_id_seq OWNED BY access_record.id`);
    await q.query(`CREATE INDEX access_record_agency ON access_record (agency_id, id DESC)`);
    await q.query(`CREATE INDEX access_record_subjects ON access_record USING gin (subjects)`);
    await q.query(`CREATE INDEX access_record_at ON access_record (at)`);
    await q.query(`
      CREATE TABLE access_chain_head (
        id int PRIMARY KEY CHECK (id = 1),
        last_id bigint,
        last_hash char(64) NOT NULL,
        records bigint NOT NULL
      )`);
    await q.query(`INSERT INTO access_chain_head (id, last_id, last_hash, records) VALUES (1, NULL, repeat('0', 64), 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_chain_head`);
    await q.query(`DROP TABLE access_record`);
  }
}

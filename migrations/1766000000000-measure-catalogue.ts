import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The joint sanction measure catalogue as data, in versions: each version is published once by
 * CREDIT_OFFICE and never changes. Version 1 is the built-in catalogue (sanction-catalogue.ts),
 * stored by the hub the first time it is needed. Every task keeps the version it was distributed
 * under (existing tasks: version 1, which is what distributed them).
 */
export class MeasureCatalogue1766000000000 implements MigrationInterface {
  name = "MeasureCatalogue1766000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE measure_catalogue (
        version int PRIMARY KEY CHECK (version >= 1),
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by text,
        agency_id uuid REFERENCES agency (id),
        note text
      )`);
    await q.query(`
      CREATE TABLE measure_catalogue_item (
        version int NOT NULL REFERENCES measure_catalogue (version),
        code text NOT NULL,
        title text NOT NULL,
        implementing_departments text[] NOT NULL CHECK (cardinality(implementing_departments) > 0),
        matters text[] NOT NULL,
        applies_to_persons boolean NOT NULL,
        PRIMARY KEY (version, code)
      )`);
    await q.query(`
      CREATE FUNCTION refuse_catalogue_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'a published measure catalogue version is immutable: % refused', TG_OP; END $$`);
    await q.query(`CREATE TRIGGER measure_catalogue_immutable BEFORE UPDATE OR DELETE ON measure_catalogue FOR EACH ROW EXECUTE FUNCTION refuse_catalogue_change()`);
    await q.query(`CREATE TRIGGER measure_catalogue_item_immutable BEFORE UPDATE OR DELETE ON measure_catalogue_item FOR EACH ROW EXECUTE FUNCTION refuse_catalogue_change()`);
    await q.query(`ALTER TABLE sanction_task ADD COLUMN catalogue_version int NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sanction_task DROP COLUMN catalogue_version`);
    await q.query(`DROP TABLE measure_catalogue_item`);
    await q.query(`DROP TABLE measure_catalogue`);
    await q.query(`DROP FUNCTION refuse_catalogue_change()`);
  }
}

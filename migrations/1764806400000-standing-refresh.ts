import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * When the daily grade refresh last completed. Without it every start of every instance refreshed
 * all enterprises again (128 s of database work at a million), although grades change by date only.
 */
export class StandingRefresh1764806400000 implements MigrationInterface {
  name = "StandingRefresh1764806400000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE standing_refresh (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        completed_on date NOT NULL,
        enterprises integer NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE standing_refresh`);
  }
}

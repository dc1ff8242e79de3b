import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The risk weights and thresholds the last refresh scored with. A restart with other weights
 * (HUB_RISK_WEIGHTS) must rescore every enterprise the same day, not wait for the next date.
 */
export class StandingRefreshSettings1765065600000 implements MigrationInterface {
  name = "StandingRefreshSettings1765065600000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE standing_refresh ADD COLUMN settings text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE standing_refresh DROP COLUMN settings`);
  }
}

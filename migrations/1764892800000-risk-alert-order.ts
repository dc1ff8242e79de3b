import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * riskAlerts orders by score DESC, enterprise_id DESC (the cursor compares the pair), but the
 * indexes held enterprise_id ascending: PostgreSQL read every enterprise tied on the 50th score
 * and sorted them (661 rows for a page of 50 in one city at a million). Matching the order
 * makes a page read 51 index entries.
 */
export class RiskAlertOrder1764892800000 implements MigrationInterface {
  name = "RiskAlertOrder1764892800000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL statement_timeout = 0`);
    for (const [name, lead] of [["risk_assessment_score", ""], ["risk_assessment_city", "city_code, "], ["risk_assessment_sector", "sector, "]]) {
      await q.query(`DROP INDEX ${name}`);
      await q.query(`CREATE INDEX ${name} ON risk_assessment (${lead}score DESC, enterprise_id DESC)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name, lead] of [["risk_assessment_score", ""], ["risk_assessment_city", "city_code, "], ["risk_assessment_sector", "sector, "]]) {
      await q.query(`DROP INDEX ${name}`);
      await q.query(`CREATE INDEX ${name} ON risk_assessment (${lead}score DESC, enterprise_id)`);
    }
  }
}

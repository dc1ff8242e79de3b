import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Tiered publication (the national credit repair rules): every penalty gets its severity, and the
 * public window of the penalties already recorded is cut to their tier with the default periods
 * (GENERAL 12 months, SERIOUS 36; MINOR is never public: the day before its decision). A shorter
 * window recorded earlier is kept. A recorded penalty could not be marked serious before, so the
 * existing ones are SERIOUS only by their types.
 */
export class PenaltySeverity1765200000000 implements MigrationInterface {
  name = "PenaltySeverity1765200000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE penalty ADD COLUMN severity text`);
    await q.query(`
      UPDATE penalty SET severity = CASE
        WHEN penalty_types && ARRAY['REVOKE_LICENSE', 'DETENTION'] THEN 'SERIOUS'
        WHEN penalty_types <@ ARRAY['WARNING'] OR (penalty_types <@ ARRAY['FINE'] AND fine_amount <= 3000) THEN 'MINOR'
        ELSE 'GENERAL' END`);
    await q.query(`
      UPDATE penalty SET public_until = LEAST(public_until, CASE severity
        WHEN 'MINOR' THEN decided_on - 1
        WHEN 'GENERAL' THEN (decided_on + interval '12 months')::date
        ELSE (decided_on + interval '36 months')::date END)`);
    await q.query(`ALTER TABLE penalty ALTER COLUMN severity SET NOT NULL,
      ADD CONSTRAINT penalty_severity_check CHECK (severity IN ('MINOR', 'GENERAL', 'SERIOUS'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE penalty DROP COLUMN severity`);
  }
}

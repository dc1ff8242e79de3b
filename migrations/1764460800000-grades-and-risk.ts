import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Credit grades (stored, with every change kept) and risk assessments (stored, ordered by score
 * through indexes per city and sector for riskAlerts), and the risk signals they are computed from.
 * Existing enterprises get their first grade and assessment from `hub refresh` (the server runs it).
 */
export class GradesAndRisk1764460800000 implements MigrationInterface {
  name = "GradesAndRisk1764460800000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE credit_grade (
        enterprise_id uuid PRIMARY KEY REFERENCES enterprise (id),
        grade char(1) NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
        effective_from date NOT NULL,
        factors text[] NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE credit_grade_history (
        id bigserial PRIMARY KEY,
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        grade char(1) NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
        effective_from date NOT NULL,
        factors text[] NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX credit_grade_history_enterprise ON credit_grade_history (enterprise_id, id)`);
    await q.query(`
      CREATE TABLE risk_signal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        type text NOT NULL CHECK (type IN ('LITIGATION', 'TAX_ARREARS', 'WAGE_ARREARS', 'ENVIRONMENTAL_EXCEEDANCE',
          'REGISTRATION_CHANGE', 'RAPID_EXPANSION', 'MARKET_VIOLATION')),
        occurred_on date NOT NULL,
        source text NOT NULL,
        detail text,
        agency_id uuid REFERENCES agency (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The same signal delivered twice (a feed re-run) is one signal.
    await q.query(`
      CREATE UNIQUE INDEX risk_signal_natural_key
      ON risk_signal (enterprise_id, type, occurred_on, source, md5(coalesce(detail, '')))`);
    await q.query(`CREATE INDEX risk_signal_enterprise ON risk_signal (enterprise_id, occurred_on DESC)`);
    await q.query(`
      CREATE TABLE risk_assessment (
        enterprise_id uuid PRIMARY KEY REFERENCES enterprise (id),
        score numeric(5, 1) NOT NULL CHECK (score BETWEEN 0 AND 100),
        level text NOT NULL CHECK (level IN ('LOW', 'MEDIUM', 'HIGH', 'SEVERE')),
        factors jsonb NOT NULL,
        city_code char(6) NOT NULL,
        sector text NOT NULL,
        assessed_at timestamptz NOT NULL DEFAULT now(),
        level_since timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX risk_assessment_score ON risk_assessment (score DESC, enterprise_id)`);
    await q.query(`CREATE INDEX risk_assessment_city ON risk_assessment (city_code, score DESC, enterprise_id)`);
    await q.query(`CREATE INDEX risk_assessment_sector ON risk_assessment (sector, score DESC, enterprise_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["risk_assessment", "risk_signal", "credit_grade_history", "credit_grade"]) await q.query(`DROP TABLE ${table}`);
  }
}

import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The implementation report (通报) of each closed period, archived once: the period is unique, and
 * the row can be neither changed nor removed (a report, once published, is what was published).
 */
export class PublishedReports1765700000000 implements MigrationInterface {
  name = "PublishedReports1765700000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE published_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period_from date NOT NULL,
        period_to date NOT NULL CHECK (period_to >= period_from),
        published_at timestamptz NOT NULL DEFAULT now(),
        report jsonb NOT NULL,
        UNIQUE (period_from, period_to)
      )`);
    await q.query(`CREATE INDEX published_report_order ON published_report (published_at DESC, id DESC)`);
    await q.query(`
      CREATE FUNCTION refuse_published_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'published_report is immutable: % refused', TG_OP; END $$`);
    await q.query(`CREATE TRIGGER published_report_immutable BEFORE UPDATE OR DELETE ON published_report FOR EACH ROW EXECUTE FUNCTION refuse_published_report_change()`);
    await q.query(`CREATE TRIGGER published_report_no_truncate BEFORE TRUNCATE ON published_report FOR EACH STATEMENT EXECUTE FUNCTION refuse_published_report_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE published_report`);
    await q.query(`DROP FUNCTION refuse_published_report_change()`);
  }
}

import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The outbox: events appended in the transaction of the change they announce, append-only like
 * the access log. Ids come from a sequence drawn under an advisory lock held to commit (see
 * EventService), so that they grow in commit order. Readers filter by department (GIN) and page by id.
 */
export class HubEvents1765500000000 implements MigrationInterface {
  name = "HubEvents1765500000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE hub_event_id_seq`);
    await q.query(`
      CREATE TABLE hub_event (
        id bigint PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('SANCTION_TASK_DISTRIBUTED', 'SANCTION_TASK_OVERDUE', 'WATCHLIST_ENTERED',
          'WATCHLIST_VERIFICATION_REQUESTED', 'ESCALATION_CANDIDATE', 'BLACKLIST_LISTED', 'BLACKLIST_ENDED', 'RISK_LEVEL_RAISED',
          'CREDIT_GRADE_CHANGED', 'OBJECTION_FILED', 'OBJECTION_DECIDED', 'REPAIR_DECIDED', 'TIP_ROUTED', 'REPORT_PUBLISHED')),
        at timestamptz NOT NULL DEFAULT now(),
        enterprise_id uuid REFERENCES enterprise (id),
        region_code char(6),
        departments text[] NOT NULL,
        subject_enterprise uuid REFERENCES enterprise (id),
        sanction_task_id uuid REFERENCES sanction_task (id),
        objection_id uuid REFERENCES objection (id),
        summary text NOT NULL
      )`);
    await q.query(`CREATE INDEX hub_event_departments ON hub_event USING gin (departments)`);
    // SANCTION_TASK_OVERDUE is announced once per task: when it was.
    await q.query(`ALTER TABLE sanction_task ADD COLUMN overdue_announced_at timestamptz`);
    await q.query(`CREATE INDEX hub_event_subject ON hub_event (subject_enterprise, id) WHERE subject_enterprise IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION refuse_hub_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'hub_event is append-only: % refused', TG_OP; END $$`);
    await q.query(`CREATE TRIGGER hub_event_append_only BEFORE UPDATE OR DELETE ON hub_event FOR EACH ROW EXECUTE FUNCTION refuse_hub_event_change()`);
    await q.query(`CREATE TRIGGER hub_event_no_truncate BEFORE TRUNCATE ON hub_event FOR EACH STATEMENT EXECUTE FUNCTION refuse_hub_event_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hub_event`);
    await q.query(`ALTER TABLE sanction_task DROP COLUMN overdue_announced_at`);
    await q.query(`DROP FUNCTION refuse_hub_event_change()`);
    await q.query(`DROP SEQUENCE hub_event_id_seq`);
  }
}

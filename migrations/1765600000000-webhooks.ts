import type { MigrationInterface, QueryRunner } from "typeorm";

const KINDS = `'SANCTION_TASK_DISTRIBUTED', 'SANCTION_TASK_OVERDUE', 'WATCHLIST_ENTERED', 'WATCHLIST_VERIFICATION_REQUESTED',
  'ESCALATION_CANDIDATE', 'BLACKLIST_LISTED', 'BLACKLIST_ENDED', 'RISK_LEVEL_RAISED', 'CREDIT_GRADE_CHANGED', 'OBJECTION_FILED',
  'OBJECTION_DECIDED', 'REPAIR_DECIDED', 'TIP_ROUTED', 'REPORT_PUBLISHED'`;

/**
 * Webhooks: a department's own endpoint for its events. Each keeps its place in the event
 * stream (`cursor`: the last event it has handled), the failures of the event after it, and a
 * lease: a worker on any instance claims due webhooks (FOR UPDATE SKIP LOCKED), sets a lease
 * with its own token, and only the lease holder moves the cursor. The signing secret is stored
 * encrypted (AES-256-GCM) under a key the database does not hold. Every attempt is logged.
 * An event may now be addressed to one agency (its webhook was deactivated).
 */
export class Webhooks1765600000000 implements MigrationInterface {
  name = "Webhooks1765600000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agency (id),
        url text NOT NULL,
        kinds text[] NOT NULL CHECK (cardinality(kinds) > 0),
        secret bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        active boolean NOT NULL DEFAULT true,
        removed_at timestamptz,
        deactivated_at timestamptz,
        cursor bigint NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        failing_since timestamptz,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_owner uuid,
        lease_until timestamptz
      )`);
    await q.query(`CREATE INDEX webhook_agency ON webhook (agency_id) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX webhook_due ON webhook (next_attempt_at) WHERE active`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id bigserial PRIMARY KEY,
        webhook_id uuid NOT NULL REFERENCES webhook (id),
        event_id bigint NOT NULL,
        attempt int NOT NULL,
        status int,
        error text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_delivery_webhook ON webhook_delivery (webhook_id, id DESC)`);
    await q.query(`ALTER TABLE hub_event ADD COLUMN agency_id uuid REFERENCES agency (id)`);
    await q.query(`ALTER TABLE hub_event DROP CONSTRAINT hub_event_kind_check`);
    await q.query(`ALTER TABLE hub_event ADD CONSTRAINT hub_event_kind_check CHECK (kind IN (${KINDS}, 'WEBHOOK_DEACTIVATED'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hub_event DROP CONSTRAINT hub_event_kind_check`);
    await q.query(`ALTER TABLE hub_event ADD CONSTRAINT hub_event_kind_check CHECK (kind IN (${KINDS}))`);
    await q.query(`ALTER TABLE hub_event DROP COLUMN agency_id`);
    await q.query(`DROP TABLE webhook_delivery`);
    await q.query(`DROP TABLE webhook`);
  }
}

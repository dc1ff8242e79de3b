import type { MigrationInterface, QueryRunner } from "typeorm";

const ACTION_KINDS = `'WARNING_NOTICE', 'VERIFICATION', 'INTERVIEW', 'PUBLIC_NOTICE', 'INSPECTION', 'UNANNOUNCED_INSPECTION', 'EXPERT_CONSULTATION'`;
const CATEGORIES = `'FIRE', 'HAZARDOUS_CHEMICALS', 'MINING', 'CONSTRUCTION', 'TRANSPORT', 'SPECIAL_EQUIPMENT', 'OCCUPATIONAL_SAFETY', 'ILLEGAL_PRODUCTION', 'OTHER'`;
const TIP_STATUSES = `'RECEIVED', 'ROUTED', 'IN_PROGRESS', 'SUBSTANTIATED', 'UNSUBSTANTIATED', 'CLOSED'`;

/**
 * Supervision before the blacklist and tip-offs. supervision_action: warnings to an enterprise,
 * verification requests the hub opens for a new watchlist entry (agency_id null until a department
 * completes one), and actions departments record. key_supervision_target keeps every designation
 * (history); at most one open per enterprise. A watchlist entry remembers when it was first
 * announced as an escalation candidate. tip: a public tip-off, its secrets only as hashes
 * (tip_secret: a replayed submission adds a second secret to the same tip), and tip_rate: the
 * per-address hourly counter, in the database so that every instance shares it.
 */
export class SupervisionAndTips1765800000000 implements MigrationInterface {
  name = "SupervisionAndTips1765800000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tip (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tracking_number text NOT NULL UNIQUE,
        enterprise_id uuid REFERENCES enterprise (id),
        credit_code char(18),
        enterprise_name text NOT NULL,
        region_code char(6) NOT NULL,
        category text NOT NULL CHECK (category IN (${CATEGORIES})),
        description text NOT NULL,
        contact text,
        routed_to text[] NOT NULL,
        status text NOT NULL CHECK (status IN (${TIP_STATUSES})),
        outcome text,
        fingerprint char(64) NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        substantiated_on date
      )`);
    await q.query(`CREATE INDEX tip_fingerprint ON tip (fingerprint, received_at DESC)`);
    await q.query(`CREATE INDEX tip_region ON tip (region_code, received_at DESC)`);
    await q.query(`CREATE INDEX tip_unlinked ON tip (credit_code) WHERE enterprise_id IS NULL`);
    await q.query(`CREATE INDEX tip_enterprise ON tip (enterprise_id) WHERE status = 'SUBSTANTIATED'`);
    await q.query(`CREATE SEQUENCE tip_number_seq`);
    await q.query(`
      CREATE TABLE tip_secret (
        tip_id uuid NOT NULL REFERENCES tip (id),
        secret_hash char(64) NOT NULL,
        PRIMARY KEY (tip_id, secret_hash)
      )`);
    await q.query(`
      CREATE TABLE tip_rate (
        address_hash char(64) NOT NULL,
        hour timestamptz NOT NULL,
        n int NOT NULL,
        PRIMARY KEY (address_hash, hour)
      )`);
    await q.query(`
      CREATE TABLE supervision_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        watchlist_entry_id uuid REFERENCES watchlist_entry (id),
        tip_id uuid REFERENCES tip (id),
        kind text NOT NULL CHECK (kind IN (${ACTION_KINDS})),
        department text NOT NULL,
        region_code char(6) NOT NULL,
        planned_on date,
        done_on date,
        outcome text,
        acknowledged_at timestamptz,
        agency_id uuid REFERENCES agency (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX supervision_action_enterprise ON supervision_action (enterprise_id, created_at)`);
    await q.query(`CREATE INDEX supervision_action_entry ON supervision_action (watchlist_entry_id) WHERE watchlist_entry_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE key_supervision_target (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        designated_by text NOT NULL,
        agency_id uuid REFERENCES agency (id),
        reason text NOT NULL,
        since date NOT NULL,
        until date,
        ended_at timestamptz,
        ended_by text,
        end_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (until IS NULL OR until >= since)
      )`);
    await q.query(`CREATE UNIQUE INDEX key_supervision_one_open ON key_supervision_target (enterprise_id) WHERE ended_at IS NULL`);
    await q.query(`ALTER TABLE watchlist_entry ADD COLUMN escalation_announced_at timestamptz`);
    // Escalation candidates are found from active entries (penalty and accident indexes do the rest).
    await q.query(`CREATE INDEX watchlist_in_force_enterprise ON watchlist_entry (enterprise_id, listed_on) WHERE state = 'ACTIVE'`);
    await q.query(`ALTER TABLE hub_event ADD COLUMN tip_id uuid REFERENCES tip (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hub_event DROP COLUMN tip_id`);
    await q.query(`DROP INDEX watchlist_in_force_enterprise`);
    await q.query(`ALTER TABLE watchlist_entry DROP COLUMN escalation_announced_at`);
    await q.query(`DROP TABLE key_supervision_target`);
    await q.query(`DROP TABLE supervision_action`);
    await q.query(`DROP TABLE tip_rate`);
    await q.query(`DROP TABLE tip_secret`);
    await q.query(`DROP SEQUENCE tip_number_seq`);
    await q.query(`DROP TABLE tip`);
  }
}

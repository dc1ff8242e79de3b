import type { MigrationInterface, QueryRunner } from "typeorm";

const DEPARTMENT = `text NOT NULL CHECK (department IN ('CREDIT_OFFICE', 'EMERGENCY_MANAGEMENT', 'MARKET_REGULATION',
  'ECOLOGY_ENVIRONMENT', 'HOUSING_CONSTRUCTION', 'TRANSPORT', 'INDUSTRY_IT', 'FIRE_RESCUE', 'HUMAN_RESOURCES', 'FINANCE',
  'NATURAL_RESOURCES'))`;
const dept = (column: string, nullable = false) =>
  DEPARTMENT.replaceAll("department", column).replace("NOT NULL", nullable ? "" : "NOT NULL");

/**
 * Commitments, accidents, the watchlist and blacklist with their sanction tasks, and credit repair.
 * Entries store their lifecycle state (ACTIVE, ESCALATED, REMOVED, REPAIRED); EXPIRED is derived
 * at read time from valid_until, so it is right without a job. The partial indexes on valid_until
 * over ACTIVE rows serve both "ACTIVE" (valid_until >= today) and "EXPIRED" (< today).
 */
export class CreditLists1764374400000 implements MigrationInterface {
  name = "CreditLists1764374400000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE commitment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        kind text NOT NULL CHECK (kind IN ('MARKET_ACCESS', 'QUALIFICATION', 'ADMINISTRATIVE_APPROVAL', 'POLICY_SUPPORT', 'CREDIT_REPAIR')),
        content text NOT NULL,
        committed_on date NOT NULL,
        accepted_by ${dept("accepted_by")},
        agency_id uuid REFERENCES agency (id),
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'FULFILLED', 'BREACHED')),
        breach_verified_on date,
        breach_department ${dept("breach_department", true)},
        breach_description text,
        breach_penalty_id uuid REFERENCES penalty (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'BREACHED') = (breach_verified_on IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX commitment_enterprise ON commitment (enterprise_id, committed_on DESC)`);
    await q.query(`
      CREATE TABLE accident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        occurred_on date NOT NULL,
        level text NOT NULL CHECK (level IN ('ORDINARY', 'LARGER', 'MAJOR', 'ESPECIALLY_MAJOR')),
        deaths int NOT NULL CHECK (deaths >= 0),
        injuries int NOT NULL CHECK (injuries >= 0),
        direct_loss numeric(16, 2) CHECK (direct_loss >= 0),
        description text NOT NULL,
        agency_id uuid REFERENCES agency (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX accident_enterprise ON accident (enterprise_id, occurred_on DESC)`);
    await q.query(`
      CREATE TABLE blacklist_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_type text NOT NULL CHECK (subject_type IN ('ENTERPRISE', 'PERSON')),
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        person_id uuid REFERENCES person (id),
        role text CHECK (role IN ('LEGAL_REPRESENTATIVE', 'PRINCIPAL', 'SAFETY_HEAD', 'DIRECTLY_RESPONSIBLE')),
        listed_with uuid REFERENCES blacklist_entry (id),
        recognized_by ${dept("recognized_by")},
        agency_id uuid REFERENCES agency (id),
        decision_number text NOT NULL,
        ground text NOT NULL CHECK (ground IN ('MAJOR_ACCIDENT', 'CONCEALED_ACCIDENT', 'ILLEGAL_PRODUCTION',
          'REFUSED_ENFORCEMENT_ORDER', 'FALSE_MATERIALS', 'BREACHED_COMMITMENT', 'SERIOUS_VIOLATION_DURING_WATCH', 'OTHER')),
        reason text NOT NULL,
        listed_on date NOT NULL,
        valid_until date NOT NULL,
        state text NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'REMOVED', 'REPAIRED')),
        removed_on date,
        removed_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_until >= listed_on),
        CHECK ((subject_type = 'PERSON') = (person_id IS NOT NULL AND listed_with IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX blacklist_enterprise ON blacklist_entry (enterprise_id)`);
    await q.query(`CREATE INDEX blacklist_person ON blacklist_entry (person_id) WHERE person_id IS NOT NULL`);
    await q.query(`CREATE INDEX blacklist_listed_with ON blacklist_entry (listed_with) WHERE listed_with IS NOT NULL`);
    await q.query(`CREATE INDEX blacklist_active_until ON blacklist_entry (valid_until) WHERE state = 'ACTIVE'`);
    await q.query(`
      CREATE UNIQUE INDEX blacklist_decision ON blacklist_entry (enterprise_id, decision_number)
      WHERE subject_type = 'ENTERPRISE'`);
    await q.query(`
      CREATE TABLE watchlist_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        basis text NOT NULL CHECK (basis IN ('AUTOMATIC_RULE', 'DEPARTMENT')),
        listed_by ${dept("listed_by", true)},
        agency_id uuid REFERENCES agency (id),
        reason text NOT NULL,
        listed_on date NOT NULL,
        valid_until date NOT NULL,
        warning_issued_on date,
        state text NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'ESCALATED', 'REMOVED')),
        escalated_to uuid REFERENCES blacklist_entry (id),
        removed_on date,
        removed_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_until >= listed_on),
        CHECK ((basis = 'DEPARTMENT') = (listed_by IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX watchlist_enterprise ON watchlist_entry (enterprise_id)`);
    await q.query(`CREATE INDEX watchlist_active_until ON watchlist_entry (valid_until) WHERE state = 'ACTIVE'`);
    await q.query(`
      CREATE TABLE watchlist_trigger (
        watchlist_entry_id uuid NOT NULL REFERENCES watchlist_entry (id),
        penalty_id uuid NOT NULL REFERENCES penalty (id),
        PRIMARY KEY (watchlist_entry_id, penalty_id)
      )`);
    await q.query(`
      CREATE TABLE sanction_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        blacklist_entry_id uuid NOT NULL REFERENCES blacklist_entry (id),
        measure text NOT NULL,
        department ${dept("department")},
        distributed_at timestamptz NOT NULL DEFAULT now(),
        state text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'REPORTED', 'CLOSED')),
        UNIQUE (blacklist_entry_id, measure, department)
      )`);
    await q.query(`CREATE INDEX sanction_task_department ON sanction_task (department, distributed_at DESC, id DESC)`);
    await q.query(`CREATE INDEX sanction_task_distributed ON sanction_task (distributed_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE credit_repair (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        blacklist_entry_id uuid REFERENCES blacklist_entry (id),
        watchlist_entry_id uuid REFERENCES watchlist_entry (id),
        actions text[] NOT NULL CHECK (cardinality(actions) > 0),
        statement text NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        submitted_by uuid REFERENCES agency (id),
        status text NOT NULL DEFAULT 'SUBMITTED' CHECK (status IN ('SUBMITTED', 'APPROVED', 'REJECTED')),
        decided_by ${dept("decided_by", true)},
        decided_at timestamptz,
        decision_reason text,
        CHECK ((blacklist_entry_id IS NULL) <> (watchlist_entry_id IS NULL))
      )`);
    await q.query(`CREATE INDEX credit_repair_enterprise ON credit_repair (enterprise_id, submitted_at DESC)`);
    // One pending repair per entry.
    await q.query(`
      CREATE UNIQUE INDEX credit_repair_pending ON credit_repair (coalesce(blacklist_entry_id, watchlist_entry_id))
      WHERE status = 'SUBMITTED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["credit_repair", "sanction_task", "watchlist_trigger", "watchlist_entry", "blacklist_entry", "accident", "commitment"]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}

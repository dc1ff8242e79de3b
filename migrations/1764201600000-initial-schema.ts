import type { MigrationInterface, QueryRunner } from "typeorm";

const DEPARTMENTS = [
  "CREDIT_OFFICE", "EMERGENCY_MANAGEMENT", "MARKET_REGULATION", "ECOLOGY_ENVIRONMENT",
  "HOUSING_CONSTRUCTION", "TRANSPORT", "INDUSTRY_IT", "FIRE_RESCUE", "HUMAN_RESOURCES",
  "FINANCE", "NATURAL_RESOURCES",
];
const SECTORS = [
  "COAL_MINE", "NON_COAL_MINE", "METAL_NONMETAL_MINE", "TRANSPORTATION", "CONSTRUCTION",
  "HAZARDOUS_CHEMICALS", "FIREWORKS", "CIVIL_EXPLOSIVES", "SPECIAL_EQUIPMENT", "METALLURGY", "OTHER",
];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(", ");

/** Agencies, enterprises, responsible persons and administrative penalties. */
export class InitialSchema1764201600000 implements MigrationInterface {
  name = "InitialSchema1764201600000";

  async up(q: QueryRunner): Promise<void> {
    // Name search: pg_trgm ignores Chinese characters under the C locale (PGlite's, and common on
    // servers), so names are indexed by their character bigrams, which work in every locale.
    await q.query(`
      CREATE FUNCTION name_bigrams(value text) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT substr(lower(value), i, 2)), '{}')
        FROM generate_series(1, length(value) - 1) AS i
      $$`);
    await q.query(`
      CREATE TABLE agency (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        department text NOT NULL CHECK (department IN (${list(DEPARTMENTS)})),
        region_code char(6) NOT NULL CHECK (region_code ~ '^32[0-9]{4}$'),
        scopes text[] NOT NULL DEFAULT '{read}' CHECK (scopes <@ ARRAY['read', 'write']),
        key_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE enterprise (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        credit_code char(18) NOT NULL UNIQUE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        region_code char(6) NOT NULL CHECK (region_code ~ '^32[0-9]{4}$'),
        sector text NOT NULL CHECK (sector IN (${list(SECTORS)})),
        scale text CHECK (scale IN ('LARGE', 'MEDIUM', 'SMALL', 'MICRO')),
        affiliation text CHECK (affiliation IN ('CENTRAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY', 'OTHER')),
        economic_type text,
        address text,
        status text NOT NULL DEFAULT 'OPERATING'
          CHECK (status IN ('OPERATING', 'SUSPENDED', 'REVOKED', 'DEREGISTERED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX enterprise_name_bigrams ON enterprise USING gin (name_bigrams(name))`);
    await q.query(`CREATE INDEX enterprise_region ON enterprise (region_code, credit_code)`);
    await q.query(`CREATE INDEX enterprise_sector ON enterprise (sector, credit_code)`);
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        id_number char(18) NOT NULL UNIQUE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE responsible_person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        person_id uuid NOT NULL REFERENCES person (id),
        role text NOT NULL
          CHECK (role IN ('LEGAL_REPRESENTATIVE', 'PRINCIPAL', 'SAFETY_HEAD', 'DIRECTLY_RESPONSIBLE')),
        since date,
        until date,
        recorded_by uuid REFERENCES agency (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (until IS NULL OR since IS NULL OR until >= since)
      )`);
    await q.query(`CREATE INDEX responsible_person_enterprise ON responsible_person (enterprise_id, role)`);
    await q.query(`CREATE INDEX responsible_person_person ON responsible_person (person_id)`);
    // One current holder per single-holder role; a handover must end the previous term first.
    await q.query(`
      CREATE UNIQUE INDEX responsible_person_one_holder ON responsible_person (enterprise_id, role)
      WHERE until IS NULL AND role <> 'DIRECTLY_RESPONSIBLE'`);
    await q.query(`
      CREATE UNIQUE INDEX responsible_person_current ON responsible_person (enterprise_id, role, person_id)
      WHERE until IS NULL`);
    await q.query(`
      CREATE TABLE penalty (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        decision_number text NOT NULL CHECK (length(decision_number) BETWEEN 1 AND 100),
        department text NOT NULL CHECK (department IN (${list(DEPARTMENTS)})),
        agency_id uuid REFERENCES agency (id),
        decided_on date NOT NULL,
        violation text NOT NULL,
        legal_basis text,
        penalty_types text[] NOT NULL CHECK (cardinality(penalty_types) > 0),
        fine_amount numeric(14, 2) CHECK (fine_amount >= 0),
        public_until date NOT NULL,
        person_id uuid REFERENCES person (id),
        revoked_at timestamptz,
        revoked_reason text,
        revoked_by uuid REFERENCES agency (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (enterprise_id, decision_number)
      )`);
    await q.query(`CREATE INDEX penalty_enterprise_decided ON penalty (enterprise_id, decided_on DESC, id DESC)`);
    await q.query(`CREATE INDEX penalty_person ON penalty (person_id) WHERE person_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE penalty`);
    await q.query(`DROP TABLE responsible_person`);
    await q.query(`DROP TABLE person`);
    await q.query(`DROP TABLE enterprise`);
    await q.query(`DROP TABLE agency`);
    await q.query(`DROP FUNCTION name_bigrams(text)`);
  }
}

import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Administrative licences (行政许可, the other half of 双公示): recorded by the issuing department,
 * revoked by it; a licence number is unique per issuing department. Status is derived from the
 * dates (expired after validUntil); `public_until` is set when it is recorded (issue date +
 * HUB_LICENCE_PUBLIC_YEARS), so a later change of the setting does not rewrite it.
 */
export class Licences1765900000000 implements MigrationInterface {
  name = "Licences1765900000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE administrative_licence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprise (id),
        licence_number text NOT NULL,
        title text NOT NULL,
        issued_by text NOT NULL,
        agency_id uuid REFERENCES agency (id),
        issued_on date NOT NULL,
        valid_until date,
        public_until date NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (issued_by, licence_number),
        CHECK (valid_until IS NULL OR valid_until >= issued_on)
      )`);
    await q.query(`CREATE INDEX administrative_licence_enterprise ON administrative_licence (enterprise_id, issued_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE administrative_licence`);
  }
}

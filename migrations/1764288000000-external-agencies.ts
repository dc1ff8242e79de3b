import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Agencies known from signed JWTs of the province's identity provider: no API key, identified
 * by issuer and subject. They get a row so that penalties and `me` can name them.
 */
export class ExternalAgencies1764288000000 implements MigrationInterface {
  name = "ExternalAgencies1764288000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency ALTER COLUMN key_hash DROP NOT NULL`);
    await q.query(`ALTER TABLE agency ADD COLUMN external_id text UNIQUE`);
    await q.query(`ALTER TABLE agency ADD CONSTRAINT agency_has_identity CHECK (key_hash IS NOT NULL OR external_id IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency DROP CONSTRAINT agency_has_identity`);
    await q.query(`ALTER TABLE agency DROP COLUMN external_id`);
    await q.query(`ALTER TABLE agency ALTER COLUMN key_hash SET NOT NULL`);
  }
}

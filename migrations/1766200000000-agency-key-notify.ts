import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Hub instances keep the agencies of API keys in memory (one statement less per request). Any
 * change to a keyed agency's row — revoked, renamed, scopes changed, removed, by the hub, the CLI,
 * the demo seeding or an operator's own SQL — announces the key's hash on `hub_agency_key` at its
 * commit, so that every instance forgets it within a moment. A trigger rather than the services'
 * own NOTIFY: no path that changes the row can forget to announce it.
 */
export class AgencyKeyNotify1766200000000 implements MigrationInterface {
  name = "AgencyKeyNotify1766200000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION announce_agency_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('hub_agency_key', OLD.key_hash);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER agency_key_changed AFTER UPDATE OR DELETE ON agency
      FOR EACH ROW WHEN (OLD.key_hash IS NOT NULL) EXECUTE FUNCTION announce_agency_key_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER agency_key_changed ON agency`);
    await q.query(`DROP FUNCTION announce_agency_key_change()`);
  }
}

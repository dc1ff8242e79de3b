import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { projectRoot } from "../../../src/shared/project-root";
import { runHubCli } from "../../helpers/cli";
import { createEnterprise } from "../../helpers/factories";
import { startHubProcess, stopHubProcess } from "../../helpers/hub-process";
import { startTestHub, type TestHub } from "../../helpers/test-hub";
import { describeOnPostgres as withServer } from "../../helpers/requires";

// Roles are the server's: the embedded database (one superuser connection) has none to test.
const GRANTS = fs.readFileSync(path.join(projectRoot(), "docker/hub-app-role.sql"), "utf8");

withServer("the hub's least-privilege role (docker/hub-app-role.sql)", () => {
  let t: TestHub;
  let app: Client;
  let appUrl: string;
  beforeAll(async () => {
    t = await startTestHub();
    // As the owner, after the migrations (the test hub applied them).
    await t.sql(GRANTS);
    const url = new URL(t.databaseEnv.DATABASE_URL);
    url.username = "credit_hub_app";
    appUrl = url.toString();
    app = new Client({ connectionString: appUrl });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await t.stop();
  });

  it("may append to and read the log, but not change, remove or unguard it", async () => {
    const code = await createEnterprise(t);
    await t.gql(`query Seen($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, { c: code }, await t.agency("FINANCE"));
    expect((await app.query(`SELECT count(*)::int AS n FROM access_record`)).rows[0].n).toBeGreaterThan(0);
    for (const statement of [
      `UPDATE access_record SET operation_name = 'Innocent'`,
      `DELETE FROM access_record`,
      `TRUNCATE access_record`,
      `UPDATE access_checkpoint SET records = 0`,
      `DELETE FROM access_checkpoint`,
      `DELETE FROM access_chain_head`,
    ]) {
      await expect(app.query(statement)).rejects.toThrow(/permission denied/);
    }
    for (const statement of [
      `ALTER TABLE access_record DISABLE TRIGGER access_record_append_only`,
      `ALTER TABLE access_record DISABLE TRIGGER ALL`,
      `ALTER TABLE access_checkpoint DISABLE TRIGGER access_checkpoint_append_only`,
      `DROP TRIGGER access_record_append_only ON access_record`,
      `DROP TABLE access_record`,
    ]) {
      await expect(app.query(statement)).rejects.toThrow(/must be owner/);
    }
    await expect(app.query(`CREATE TABLE evil (id int)`)).rejects.toThrow(/permission denied/);
  });

  it("runs the hub: reads are answered and recorded, and the chain verifies", async () => {
    const token = await t.agency("EMERGENCY_MANAGEMENT");
    const code = await createEnterprise(t);
    const hub = await startHubProcess({ DATABASE_URL: appUrl });
    try {
      const res = await fetch(`${hub.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `query AsApp($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, variables: { c: code } }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: { enterprise: { name: string } } }).data.enterprise.name).toBeTruthy();
      expect(await t.sql(`SELECT 1 FROM access_record WHERE operation_name = 'AsApp'`)).toHaveLength(1);
    } finally {
      expect(await stopHubProcess(hub)).toBe(0);
    }
    expect(await runHubCli(t.databaseEnv, "audit", "verify")).toMatchObject({ exitCode: 0 });
  });
});

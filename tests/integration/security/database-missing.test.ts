import { migrations } from "../../../migrations";
import { createEnterprise } from "../../helpers/factories";
import { startTestHub } from "../../helpers/test-hub";
import { describeOnPostgres as withServer } from "../../helpers/requires";

// Dropping the hub's database needs a PostgreSQL server (CI has one).

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

withServer("a missing database or an unmigrated schema", () => {
  it("answers 503 SERVICE_UNAVAILABLE, not 500, once its database is dropped (3D000), and /readyz says so", async () => {
    const t = await startTestHub({ env: { NODE_ENV: "production", DB_CONNECT_TIMEOUT_MS: "1000" } });
    try {
      const token = await t.agency("CREDIT_OFFICE");
      const code = await createEnterprise(t);
      const profile = (auth?: string) => t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, { c: code }, auth);
      expect((await profile(token)).status).toBe(200);

      await t.dropDatabase(); // WITH (FORCE): the hub's sessions end, and reconnecting finds no database
      for (const auth of [token, undefined]) {
        const res = await profile(auth);
        expect(res.status).toBe(503);
        expect(res.errors?.[0].extensions?.code).toBe("SERVICE_UNAVAILABLE");
        expect(JSON.stringify(res)).not.toMatch(/does not exist|hub_test_|SELECT/);
      }
      expect((await fetch(`${t.hub.url}/readyz`)).status).toBe(503);
      expect((await fetch(`${t.hub.url}/healthz`)).status).toBe(200);
    } finally {
      await t.stop();
    }
  });

  it("/readyz answers 503 while the newest migration is not recorded as applied, and 200 again once it is", async () => {
    const t = await startTestHub();
    const newest = migrations[migrations.length - 1];
    const readyz = async () => (await fetch(`${t.hub.url}/readyz`)).status;
    try {
      expect(await readyz()).toBe(200);
      const [row] = await t.sql(`WITH gone AS (DELETE FROM schema_migrations WHERE name = $1 RETURNING timestamp, name) SELECT * FROM gone`, [newest.name]);
      expect(row).toBeDefined();
      await sleep(1_100); // a ready answer is reused for up to a second
      expect(await readyz()).toBe(503);
      // The database itself answers: this is about the schema, not the connection.
      expect(await t.sql(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
      await t.sql(`INSERT INTO schema_migrations (timestamp, name) VALUES ($1, $2)`, [row.timestamp, row.name]);
      expect(await readyz()).toBe(200);
    } finally {
      await t.stop();
    }
  });
});

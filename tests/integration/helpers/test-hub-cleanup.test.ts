import fs from "node:fs";
import { Client } from "pg";
import { startTestHub } from "../../helpers/test-hub";

/** Every test hub removes what it created: its PostgreSQL database, or its embedded database folder (issue 19: a run left 1.4 GB behind). */
describe("test hub cleanup", () => {
  it("drops its database or removes its embedded folder on stop", async () => {
    const t = await startTestHub();
    if (process.env.DATABASE_URL) {
      const name = new URL(t.databaseEnv.DATABASE_URL).pathname.slice(1);
      await t.stop();
      const admin = new Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_database WHERE datname = $1`, [name]);
      await admin.end();
      expect(rows).toEqual([{ n: 0 }]);
    } else {
      const dir = t.databaseEnv.HUB_DATA_DIR;
      expect(fs.existsSync(dir)).toBe(true);
      await t.stop();
      expect(fs.existsSync(dir)).toBe(false);
    }
  });
});

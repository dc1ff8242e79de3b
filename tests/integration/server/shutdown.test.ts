import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { projectRoot } from "../../../src/shared/project-root";
import { createEnterprise } from "../../helpers/factories";
import { startTestHub } from "../../helpers/test-hub";

/** The built hub (`npm test` builds first) as its own process, on the given database. */
function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const main = path.join(projectRoot(), "dist/src/main.js");
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run npm run build (npm test does)`);
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...env, PORT: "0", NODE_ENV: "production", LOG_LEVEL: "info", HUB_DEMO_SEED: "off", HUB_REFRESH_INTERVAL_HOURS: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /serving (http:\/\/\S+)\/graphql/.exec(out);
      if (match) {
        clearInterval(timer);
        resolve({ child, url: match[1], output: () => out });
      }
    }, 50);
    child.once("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`hub exited early with ${code}: ${out}`));
    });
  });
}

describe("graceful shutdown", () => {
  it("lets in-flight requests finish on SIGTERM, writes their access records, and exits 0", async () => {
    const setup = await startTestHub({ keepDatabase: true });
    const token = await setup.agency("FINANCE");
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(await createEnterprise(setup));
    await setup.stop();

    const hub = await startProcess(setup.databaseEnv);
    try {
      const review = `query Review($c: [CreditCode!]!) { creditReview(creditCodes: $c, matter: BIDDING) { verdict } }`;
      const many = Array.from({ length: 200 }, (_, i) => codes[i % codes.length]);
      const inFlight = Array.from({ length: 20 }, () =>
        fetch(`${hub.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: review, variables: { c: many } }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { errors?: unknown } })),
      );
      await new Promise((r) => setTimeout(r, 30));
      hub.child.kill("SIGTERM");
      const answers = await Promise.all(inFlight);
      const exitCode = await new Promise<number | null>((resolve) => hub.child.once("exit", (code) => resolve(code)));

      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(answers.every((a) => !a.body.errors)).toBe(true);
      expect(exitCode).toBe(0);
      expect(hub.output()).toMatch(/hub stopped/);

      // None of the answered requests' access records was lost in the shutdown.
      const count = `SELECT count(*)::int AS n FROM access_record WHERE operation_name = 'Review'`;
      if (setup.databaseEnv.DATABASE_URL) {
        const db = new Client({ connectionString: setup.databaseEnv.DATABASE_URL });
        await db.connect();
        expect((await db.query(count)).rows[0].n).toBe(20);
        await db.end();
      } else {
        const reopened = await startTestHub({ dataDir: setup.databaseEnv.HUB_DATA_DIR, keepDatabase: true });
        expect((await reopened.sql(count))[0].n).toBe(20);
        await reopened.stop();
      }
    } finally {
      if (hub.child.exitCode === null) hub.child.kill("SIGKILL");
      await setup.dropDatabase();
    }
  });
});

import { Client } from "pg";
import { createEnterprise } from "../../helpers/factories";
import { startHubProcess } from "../../helpers/hub-process";
import { startTestHub } from "../../helpers/test-hub";
import { itOnPostgres } from "../../helpers/requires";

describe("graceful shutdown", () => {
  it("lets in-flight requests finish on SIGTERM, writes their access records, and exits 0", async () => {
    const setup = await startTestHub({ keepDatabase: true });
    const token = await setup.agency("FINANCE");
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(await createEnterprise(setup));
    await setup.stop();

    const hub = await startHubProcess(setup.databaseEnv);
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

  // With no drain pause the listener closes at once; a request the hub is already working on
  // (held here by a table lock, so the timing is certain) must still be answered before exit.
  itOnPostgres("answers a request still running after the listener closed, then exits 0", async () => {
    const setup = await startTestHub({ keepDatabase: true });
    const token = await setup.agency("FINANCE");
    const code = await createEnterprise(setup);
    await setup.stop();
    const hub = await startHubProcess({ ...setup.databaseEnv, SHUTDOWN_DRAIN_MS: "0" });
    const locker = new Client({ connectionString: setup.databaseEnv.DATABASE_URL });
    await locker.connect();
    try {
      await locker.query(`BEGIN; LOCK TABLE enterprise IN ACCESS EXCLUSIVE MODE`);
      const answer = fetch(`${hub.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `query Held($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, variables: { c: code } }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: { enterprise?: { name: string } } } }));
      // Wait until the hub's statement is queued behind the lock.
      for (let i = 0; i < 100; i++) {
        const { rows } = await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
        if (rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const exited = new Promise<number | null>((resolve) => hub.child.once("exit", (c) => resolve(c)));
      hub.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      // The listener is closed: a new connection is refused while the held request is still running.
      await expect(fetch(`${hub.url}/healthz`)).rejects.toThrow();
      expect(hub.child.exitCode).toBeNull();
      await locker.query(`COMMIT`);
      const res = await answer;
      expect(res.status).toBe(200);
      expect(res.body.data?.enterprise?.name).toEqual(expect.any(String));
      expect(await exited).toBe(0);
    } finally {
      await locker.end();
      if (hub.child.exitCode === null) hub.child.kill("SIGKILL");
      await setup.dropDatabase();
    }
  });
});

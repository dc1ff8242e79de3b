import { createEnterprise } from "../../helpers/factories";
import { TcpProxy } from "../../helpers/tcp-proxy";
import { startTestHub, type TestHub } from "../../helpers/test-hub";
import { describeOnPostgres as withServer } from "../../helpers/requires";

// These tests take the database away from a running hub. The embedded database lives inside the
// hub's own process and cannot go away on its own, so they need a PostgreSQL server (CI has one).

withServer("database faults", () => {
  let t: TestHub;
  let proxy: TcpProxy;
  let token: string;
  let code: string;
  beforeAll(async () => {
    const target = new URL(process.env.DATABASE_URL!);
    proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.open();
    t = await startTestHub({
      env: { DB_CONNECT_TIMEOUT_MS: "1000", NODE_ENV: "production" },
      rewriteDatabaseUrl: (url) => Object.assign(new URL(url.toString()), { host: `127.0.0.1:${proxy.port}` }),
    });
    token = await t.agency("CREDIT_OFFICE");
    code = await createEnterprise(t);
  });
  afterAll(async () => {
    await proxy.open();
    await t.stop();
    await proxy.close();
  });

  const profile = () => t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, { c: code }, token);

  it("survives pg_terminate_backend on its connections mid-load and keeps serving", async () => {
    const load = Promise.all(Array.from({ length: 40 }, () => profile()));
    const [{ killed }] = await t.sql(
      `SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'credit-hub' AND pid <> pg_backend_pid()`,
    );
    expect(killed).toBeGreaterThan(0);
    const results = await load;
    expect(results.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    const after = await profile();
    expect(after.status).toBe(200);
    expect(after.data?.enterprise.name).toBeTruthy();
  });

  it("fails fast with 503 while the database is down, says so on /readyz, and recovers without a restart", async () => {
    await proxy.close();
    const started = Date.now();
    const down = await profile();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(down.status).toBe(503);
    expect(down.errors?.[0].extensions?.code).toBe("SERVICE_UNAVAILABLE");
    expect(JSON.stringify(down)).not.toMatch(/ECONNREFUSED|SELECT|at /);
    const publicDown = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, { c: code });
    expect(publicDown.status).toBe(503);
    expect(publicDown.errors?.[0].extensions?.code).toBe("SERVICE_UNAVAILABLE");
    expect((await fetch(`${t.hub.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${t.hub.url}/healthz`)).status).toBe(200);

    await proxy.open();
    let recovered = 0;
    for (let i = 0; i < 20 && recovered !== 200; i++) {
      recovered = (await profile()).status;
      if (recovered !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(recovered).toBe(200);
    expect((await fetch(`${t.hub.url}/readyz`)).status).toBe(200);
  });
});

withServer("statement timeout", () => {
  it("cancels a statement stuck behind a lock after DB_STATEMENT_TIMEOUT_MS: a quick 503 without SQL, then serves again", async () => {
    const t = await startTestHub({ env: { DB_STATEMENT_TIMEOUT_MS: "300", NODE_ENV: "production" } });
    const locker = await t.hub.database.dataSource.createQueryRunner();
    try {
      const token = await t.agency("CREDIT_OFFICE");
      const code = await createEnterprise(t);
      const profile = () => t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, { c: code }, token);
      expect((await profile()).status).toBe(200);
      await locker.connect();
      await locker.query(`SET statement_timeout = 0`);
      await locker.startTransaction();
      await locker.query(`LOCK TABLE enterprise IN ACCESS EXCLUSIVE MODE`);
      const started = Date.now();
      const stuck = await profile();
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(stuck.status).toBe(503);
      expect(stuck.errors?.[0]).toMatchObject({ message: expect.stringMatching(/took too long/), extensions: { code: "SERVICE_UNAVAILABLE" } });
      expect(JSON.stringify(stuck)).not.toMatch(/statement timeout|SELECT|enterprise_id|at /);
      await locker.commitTransaction();
      expect((await profile()).status).toBe(200);
    } finally {
      if (locker.isTransactionActive) await locker.rollbackTransaction();
      await locker.release();
      await t.stop();
    }
  });
});

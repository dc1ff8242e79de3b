import { createEnterprise } from "../../helpers/factories";
import { type HubProcess, startHubProcess, stopHubProcess } from "../../helpers/hub-process";
import { startTestHub, type TestHub } from "../../helpers/test-hub";
import { describeOnPostgres as withServer } from "../../helpers/requires";

// Two processes on one database need a PostgreSQL server: the embedded one lives inside a single
// hub process (CI runs with a server).

withServer("access log with several hub instances on one database", () => {
  let t: TestHub;
  let other: HubProcess;
  beforeAll(async () => {
    t = await startTestHub();
    other = await startHubProcess(t.databaseEnv);
  });
  afterAll(async () => {
    if (other) await stopHubProcess(other);
    await t.stop();
  });

  it("keeps one unbroken chain while both append at once, and loses no record", async () => {
    const token = await t.agency("FINANCE");
    const code = await createEnterprise(t);
    const read = (url: string, i: number) =>
      fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `query Read${i % 2 ? "B" : "A"}($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, variables: { c: code } }),
      }).then((r) => r.status);
    // 150 reads on each instance, interleaved: both writers contend for the chain's head.
    const statuses = await Promise.all(Array.from({ length: 300 }, (_, i) => read(i % 2 ? other.url : t.hub.url, i)));
    expect(statuses.every((s) => s === 200)).toBe(true);

    // The other instance writes its batch within a second; graceful stop flushes it in any case.
    expect(await stopHubProcess(other)).toBe(0);
    await t.hub.flushAccessLog();

    const [{ a, b }] = await t.sql(
      `SELECT count(*) FILTER (WHERE operation_name = 'ReadA')::int AS a, count(*) FILTER (WHERE operation_name = 'ReadB')::int AS b FROM access_record`,
    );
    expect({ a, b }).toEqual({ a: 150, b: 150 });
    // Counted first: the verification is a recorded read too, written after its snapshot.
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM access_record`);
    const verify = await t.gql(`{ verifyAccessLog { ok checked firstBrokenId } }`, {}, await t.agency("CREDIT_OFFICE"));
    expect(verify.data?.verifyAccessLog).toEqual({ ok: true, checked: n, firstBrokenId: null });
  });
});

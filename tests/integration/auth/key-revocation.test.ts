import { hashApiKey } from "../../../src/auth/api-key";
import { runHubCli } from "../../helpers/cli";
import { type HubProcess, startHubProcess, stopHubProcess } from "../../helpers/hub-process";
import { describeOnPostgres } from "../../helpers/requires";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

// Two instances on one database need a PostgreSQL server (the embedded one lives in one process).

describeOnPostgres("a revoked API key, with two hub instances that keep keys in memory", () => {
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

  const ask = async (url: string, token: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ me { department } }` }),
    });
    const body = (await res.json()) as { data?: { me: { department: string } }; errors?: { extensions: { code: string } }[] };
    return body.errors?.[0]?.extensions.code ?? body.data!.me.department;
  };

  it("is refused by both within a second of the revocation's commit", async () => {
    const token = await t.agency("FINANCE");
    // Both instances have seen the key (and keep its agency) before it is revoked.
    for (const url of [t.hub.url, other.url, t.hub.url, other.url]) expect(await ask(url, token)).toBe("FINANCE");
    const [{ id }] = await t.sql(`SELECT id FROM agency WHERE key_hash = $1`, [hashApiKey(token)]);
    expect(t.hub.services.agency.keys.size).toBeGreaterThan(0);

    // An operator revokes it from the command line: a third process, neither instance.
    const revoked = await runHubCli(t.databaseEnv, "agency", "revoke", id);
    expect(revoked.exitCode).toBe(0);
    const committed = Date.now();
    const refusedAfter = async (url: string) => {
      while (Date.now() - committed < 3_000) {
        if ((await ask(url, token)) === "UNAUTHENTICATED") return Date.now() - committed;
        await new Promise((r) => setTimeout(r, 20));
      }
      return Infinity;
    };
    const [first, second] = await Promise.all([refusedAfter(t.hub.url), refusedAfter(other.url)]);
    expect(first).toBeLessThan(1_000);
    expect(second).toBeLessThan(1_000);
  });

  it("keeps serving the other keys from memory", async () => {
    const kept = await t.agency("TRANSPORT");
    const gone = await t.agency("INDUSTRY_IT");
    for (const token of [kept, gone]) expect(await ask(other.url, token)).not.toBe("UNAUTHENTICATED");
    const [{ id }] = await t.sql(`SELECT id FROM agency WHERE key_hash = $1`, [hashApiKey(gone)]);
    await t.hub.services.agency.revoke(id);
    // The instance that revoked it forgets at once; the kept key is unaffected on both.
    expect(await ask(t.hub.url, gone)).toBe("UNAUTHENTICATED");
    expect(await ask(t.hub.url, kept)).toBe("TRANSPORT");
    expect(await ask(other.url, kept)).toBe("TRANSPORT");
  });
});

import { Department } from "../../../src/auth/department.enums";
import { HubEventKind } from "../../../src/modules/event/event.enums";
import { blacklist, createEnterprise, expectData } from "../../helpers/factories";
import { startHubProcess, stopHubProcess } from "../../helpers/hub-process";
import { startTestHub, type TestHub } from "../../helpers/test-hub";
import { connectRaw, subscribe } from "../../helpers/ws-client";
import { itOnPostgres as onPostgres } from "../../helpers/requires";

const EVENTS = `subscription($kinds: [HubEventKind!], $after: String) { events(kinds: $kinds, after: $after) { id kind summary enterprise { creditCode } sanctionTask { department } } }`;
// One embedded database serves one hub process and has no LISTEN connection (its readers look every second).
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ids = (results: { data?: any }[]) => results.map((r) => Number(r.data.events.id));

/** Subscription.events over graphql-transport-ws (issue 16). */
describe("event subscriptions", () => {
  let t: TestHub;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestHub({ env: { HUB_WS_AUTH_RECHECK_SECONDS: "1", HUB_WS_MAX_SUBSCRIPTIONS_PER_KEY: "3" } });
    for (const d of ["EMERGENCY_MANAGEMENT", "CREDIT_OFFICE", "FINANCE", "INDUSTRY_IT", "ECOLOGY_ENVIRONMENT"] as const) tokens[d] = await t.agency(d);
  });
  afterAll(() => t.stop());

  /** Appends `n` events addressed to FINANCE through the outbox's own writer, in one transaction. */
  const appendForFinance = (n: number, label: string) =>
    t.hub.database.dataSource.transaction((tx) =>
      t.hub.services.events.append(tx, Array.from({ length: n }, (_, i) => ({
        kind: HubEventKind.SANCTION_TASK_OVERDUE, departments: [Department.FINANCE], enterpriseId: null, summary: `${label} ${i}`,
      }))),
    );
  const latest = async () => (await t.sql(`SELECT coalesce(max(id), 0)::text AS id FROM hub_event`))[0].id as string;

  it("refuses a connection without a key, with a bad key or a revoked key before anything flows, and one whose key is revoked while connected within seconds", async () => {
    expect(await connectRaw(t.hub.url, {})).toMatchObject({ acked: false, code: 4401, reason: expect.stringContaining("connection_init") });
    expect(await connectRaw(t.hub.url, { authorization: "Bearer hub_notakey" })).toMatchObject({ acked: false, code: 4401, reason: expect.stringContaining("not valid") });
    const doomed = await t.agency("FINANCE");
    await t.sql(`UPDATE agency SET revoked_at = now() WHERE key_hash = (SELECT key_hash FROM agency ORDER BY created_at DESC LIMIT 1)`);
    expect(await connectRaw(t.hub.url, { authorization: `Bearer ${doomed}` })).toMatchObject({ acked: false, code: 4401 });

    const live = await t.agency("FINANCE");
    const sub = subscribe(t.hub.url, live, EVENTS);
    await sub.acknowledged;
    await t.sql(`UPDATE agency SET revoked_at = now() WHERE id = (SELECT id FROM agency ORDER BY created_at DESC LIMIT 1)`);
    const revokedAt = Date.now();
    const closed = await sub.closed;
    expect(closed.code).toBe(4401);
    // Checked every HUB_WS_AUTH_RECHECK_SECONDS (1 s here; 5 s by default).
    expect(Date.now() - revokedAt).toBeLessThan(3_000);
    await sub.dispose();
  });

  it("replays what was missed after the cursor, then streams live events, with no gap or duplicate at the seam", async () => {
    const start = await latest();
    await appendForFinance(5, "before");
    const sub = subscribe(t.hub.url, tokens.FINANCE, EVENTS, { after: start });
    const replayed = await sub.waitFor(5);
    expect(replayed.map((r) => r.data.events.summary)).toEqual([0, 1, 2, 3, 4].map((i) => `before ${i}`));
    // Writers racing the seam: three transactions at once while the stream turns live.
    await Promise.all([appendForFinance(2, "a"), appendForFinance(2, "b"), appendForFinance(2, "c")]);
    await sub.waitFor(11);
    await sleep(300);
    const got = ids(sub.results);
    expect(got.length).toBe(11);
    expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(new Set(got).size).toBe(11);
    // Nobody else's: ECOLOGY_ENVIRONMENT hears none of FINANCE's events.
    const other = subscribe(t.hub.url, tokens.ECOLOGY_ENVIRONMENT, EVENTS, { after: start });
    await other.acknowledged;
    await sleep(500);
    expect(other.results).toEqual([]);
    await Promise.all([sub.dispose(), other.dispose()]);
  });

  it("resumes after a disconnect: missed 50, then exactly those 50 with after, then live ones", async () => {
    const first = subscribe(t.hub.url, tokens.FINANCE, EVENTS);
    await first.acknowledged;
    await sleep(200);
    await appendForFinance(1, "seen");
    const [seen] = await first.waitFor(1);
    await first.dispose();
    for (let i = 0; i < 5; i++) await appendForFinance(10, `missed batch ${i}`);
    const resumed = subscribe(t.hub.url, tokens.FINANCE, EVENTS, { after: seen.data.events.id });
    const missed = await resumed.waitFor(50);
    expect(missed.map((r) => r.data.events.summary)).toEqual(Array.from({ length: 50 }, (_, n) => `missed batch ${Math.floor(n / 10)} ${n % 10}`));
    await appendForFinance(1, "live");
    const all = await resumed.waitFor(51);
    expect(all[50].data.events.summary).toBe("live 0");
    expect(new Set(ids(all)).size).toBe(51);
    await resumed.dispose();
  });

  it("passes each event through the shields as a query would, and logs what it read", async () => {
    const code = await createEnterprise(t, { regionCode: "320102", sector: "HAZARDOUS_CHEMICALS" });
    const q = `subscription S { events(kinds: [BLACKLIST_LISTED]) { kind enterprise { creditCode riskAssessment { level } } } }`;
    const sub = subscribe(t.hub.url, tokens.INDUSTRY_IT, q);
    await sub.acknowledged;
    await sleep(200);
    await blacklist(t, tokens.EMERGENCY_MANAGEMENT, code);
    const [event] = await sub.waitFor(1);
    expect(event.data.events).toEqual({ kind: "BLACKLIST_LISTED", enterprise: { creditCode: code, riskAssessment: null } });
    expect(event.errors?.map((e) => [e.path?.join("."), e.extensions?.code])).toEqual([["events.enterprise.riskAssessment", "FORBIDDEN"]]);
    await t.hub.flushAccessLog();
    const [record] = await t.sql(`SELECT operation_name, subjects, denied_fields FROM access_record WHERE $1 = ANY(subjects) AND operation_name = 'S'`, [code]);
    expect(record).toMatchObject({ operation_name: "S", denied_fields: ["Enterprise.riskAssessment"] });
    await sub.dispose();
  });

  it("keeps to its limits: subscriptions per key, only subscriptions over the socket, no audience without a feed", async () => {
    const key = await t.agency("FINANCE");
    const open = [0, 1, 2].map(() => subscribe(t.hub.url, key, EVENTS));
    await Promise.all(open.map((s) => s.acknowledged));
    await sleep(300);
    const fourth = subscribe(t.hub.url, key, EVENTS);
    expect(await fourth.error).toEqual([expect.objectContaining({ extensions: { code: "RATE_LIMITED" }, message: expect.stringContaining("at most 3") })]);
    await open[0].dispose();
    await sleep(300);
    const again = subscribe(t.hub.url, key, EVENTS);
    await again.acknowledged;
    // Without after, the stream starts after the newest event when the server takes the subscription.
    await sleep(300);
    await appendForFinance(1, "limit");
    await again.waitFor(1);
    const query = subscribe(t.hub.url, key, `{ me { name } }`);
    expect(await query.error).toEqual([expect.objectContaining({ extensions: { code: "BAD_REQUEST" }, message: expect.stringContaining("over HTTP") })]);
    await again.dispose();
    await sleep(200);
    const bad = subscribe(t.hub.url, key, EVENTS, { after: "x" });
    const [res] = await bad.waitFor(1);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    await Promise.all([...open.slice(1), fourth, query, bad].map((s) => s.dispose()));
  });

  onPostgres("hears, on a second hub process, an event committed through the first within 2 s: only the departments that implement a measure (PostgreSQL only: one process per embedded database)", async () => {
    const other = await startHubProcess({ ...t.databaseEnv, LOG_LEVEL: "warn" });
    try {
      const q = `subscription { events(kinds: [SANCTION_TASK_DISTRIBUTED]) { enterprise { creditCode } sanctionTask { department } } }`;
      const finance = subscribe(other.url, tokens.FINANCE, q);
      const ecology = subscribe(other.url, tokens.ECOLOGY_ENVIRONMENT, q);
      await Promise.all([finance.acknowledged, ecology.acknowledged]);
      await sleep(300);
      const code = await createEnterprise(t);
      const committed = Date.now();
      await blacklist(t, tokens.EMERGENCY_MANAGEMENT, code);
      const [got] = await finance.waitFor(1, 2_000);
      expect(Date.now() - committed).toBeLessThan(2_000);
      expect(got.data.events).toEqual({ enterprise: { creditCode: code }, sanctionTask: { department: "FINANCE" } });
      const tasks = expectData(await t.gql<any>(`{ sanctionTasks(first: 100) { edges { node { department blacklistEntry { enterprise { creditCode } } } } } }`, {}, tokens.CREDIT_OFFICE))
        .sanctionTasks.edges.filter((e: any) => e.node.blacklistEntry.enterprise.creditCode === code);
      await sleep(500);
      // Each department hears of its own tasks only.
      expect(finance.results.length).toBe(tasks.filter((e: any) => e.node.department === "FINANCE").length);
      expect(ecology.results.length).toBe(tasks.filter((e: any) => e.node.department === "ECOLOGY_ENVIRONMENT").length);
      expect(ecology.results.every((r) => r.data.events.sanctionTask.department === "ECOLOGY_ENVIRONMENT")).toBe(true);
      await Promise.all([finance.dispose(), ecology.dispose()]);
    } finally {
      await stopHubProcess(other);
    }
  });

  onPostgres("keeps streaming after its LISTEN connection is cut (pg_terminate_backend): it reconnects and reads from its last id (PostgreSQL only: the embedded hub does not listen)", async () => {
    const sub = subscribe(t.hub.url, tokens.FINANCE, EVENTS);
    await sub.acknowledged;
    await sleep(200);
    const cut = await t.sql(`SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE application_name = 'credit-hub-listener' AND datname = current_database()`);
    expect(cut).toEqual([{ cut: true }]);
    await appendForFinance(3, "during");
    await sub.waitFor(3, 3_000);
    for (let i = 0; i < 50; i++) {
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'credit-hub-listener' AND datname = current_database()`);
      if (n === 1) break;
      await sleep(100);
    }
    await appendForFinance(1, "after");
    const all = await sub.waitFor(4, 2_000);
    expect(all.map((r) => r.data.events.summary)).toEqual(["during 0", "during 1", "during 2", "after 0"]);
    await sub.dispose();
  });
});

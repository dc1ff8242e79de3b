import { Webhook as Verifier } from "standardwebhooks";
import { Department } from "../../../src/auth/department.enums";
import { HubEventKind } from "../../../src/modules/event/event.enums";
import { blacklist, createEnterprise, expectData } from "../../helpers/factories";
import { startHubProcess, stopHubProcess } from "../../helpers/hub-process";
import { startReceiver, type Receiver } from "../../helpers/webhook-receiver";
import { startTestHub, type TestHub } from "../../helpers/test-hub";
import { itOnPostgres as onPostgres } from "../../helpers/requires";

const REGISTER = `mutation($url: String!, $kinds: [HubEventKind!]!) { registerWebhook(url: $url, kinds: $kinds) { secret webhook { id url kinds active } } }`;
const WEBHOOKS = `{ webhooks { id url active deliveries(first: 10) { eventId attempt status error } } }`;
const REMOVE = `mutation($id: ID!) { removeWebhook(id: $id) { id active } }`;
const FAST = { HUB_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", HUB_WEBHOOK_RETRY_BASE_MS: "100", HUB_WEBHOOK_POLL_MS: "100", HUB_WEBHOOK_TIMEOUT_MS: "1000", HUB_WEBHOOK_WORKER: "on" };
// Several hub processes on one database need PostgreSQL (one embedded database serves one process).
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Appends `n` events addressed to FINANCE through the outbox's own writer, in one transaction. */
const appendForFinance = (t: TestHub, n: number, label: string) =>
  t.hub.database.dataSource.transaction((tx) =>
    t.hub.services.events.append(tx, Array.from({ length: n }, (_, i) => ({
      kind: HubEventKind.SANCTION_TASK_OVERDUE, departments: [Department.FINANCE], enterpriseId: null, summary: `${label} ${i}`,
    }))),
  );

/** Webhooks (issue 16): registration, signed deliveries at least once and in order, retries, switching off, several workers. */
describe("webhooks", () => {
  let t: TestHub;
  let receiver: Receiver;
  let finance: string;
  beforeAll(async () => {
    t = await startTestHub({ env: FAST });
    receiver = await startReceiver();
    finance = await t.agency("FINANCE");
  });
  afterAll(async () => {
    await t.stop();
    await receiver.close();
  });
  afterEach(() => {
    receiver.received.length = 0;
    receiver.answer = () => 200;
  });

  it("registers only a department's endpoint on an allowed host, shows the secret once and stores it encrypted", async () => {
    const bad = async (vars: Record<string, unknown>, token = finance) => (await t.gql(REGISTER, { url: receiver.url, kinds: ["BLACKLIST_LISTED"], ...vars }, token)).errors?.[0];
    expect(await bad({ url: "https://example.com/hook" })).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "url" }, message: expect.stringContaining("example.com") });
    expect(await bad({ url: "not a url" })).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "url" } });
    expect(await bad({ url: "ftp://127.0.0.1/x" })).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "url" } });
    expect(await bad({ kinds: [] })).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "kinds" } });
    const code = await createEnterprise(t);
    expect(await bad({}, await t.subject(code))).toMatchObject({ extensions: { code: "FORBIDDEN" } });
    expect(await bad({}, await t.agency("FINANCE", { scopes: ["read"] }))).toMatchObject({ extensions: { code: "FORBIDDEN" } });
    expect(await bad({})).toBeUndefined();
    const before = await t.sql(`SELECT count(*)::int AS n FROM webhook`);

    const owner = await t.agency("TRANSPORT");
    const { secret, webhook } = expectData(await t.gql<any>(REGISTER, { url: receiver.url, kinds: ["BLACKLIST_LISTED", "BLACKLIST_LISTED"] }, owner)).registerWebhook;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(webhook).toEqual({ id: expect.any(String), url: receiver.url, kinds: ["BLACKLIST_LISTED"], active: true });
    // Neither the list nor the database dump shows the secret.
    const listed = expectData(await t.gql<any>(WEBHOOKS, {}, owner)).webhooks;
    expect(listed).toEqual([{ id: webhook.id, url: receiver.url, active: true, deliveries: [] }]);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6));
    const [stored] = await t.sql(`SELECT encode(secret, 'escape') AS raw, encode(secret, 'base64') AS b64 FROM webhook WHERE id = $1`, [webhook.id]);
    expect(stored.raw).not.toContain(secret.slice(6, 20));
    expect(stored.b64.replace(/\n/g, "")).not.toContain(secret.slice(6, 20));
    expect((await t.sql(`SELECT count(*)::int AS n FROM webhook`))[0].n).toBe(before[0].n + 1);

    // Another agency's webhook is not found, like one that does not exist; the owner removes it.
    expect((await t.gql(REMOVE, { id: webhook.id }, finance)).errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND", field: "id" } });
    expect((await t.gql(REMOVE, { id: "00000000-0000-4000-8000-000000000000" }, finance)).errors?.[0].extensions).toEqual({ code: "NOT_FOUND", field: "id" });
    expect(expectData(await t.gql<any>(REMOVE, { id: webhook.id }, owner)).removeWebhook).toEqual({ id: webhook.id, active: false });
    expect(expectData(await t.gql<any>(WEBHOOKS, {}, owner)).webhooks).toEqual([]);
  });

  it("delivers an event to a receiver that fails three times, then answers 200: signed, with the same webhook-id every time, logged attempt by attempt", async () => {
    const owner = await t.agency("FINANCE");
    const { secret, webhook } = expectData(await t.gql<any>(REGISTER, { url: receiver.url, kinds: ["SANCTION_TASK_OVERDUE"] }, owner)).registerWebhook;
    receiver.answer = (_d, i) => (i < 3 ? 500 : 200);
    await appendForFinance(t, 1, "retried");
    const got = await receiver.waitFor(4);
    expect(new Set(got.map((d) => d.headers["webhook-id"])).size).toBe(1);
    const verifier = new Verifier(secret);
    for (const d of got) {
      expect(verifier.verify(d.body, d.headers as Record<string, string>)).toMatchObject({ type: "SANCTION_TASK_OVERDUE", data: { event: { summary: "retried 0" } } });
    }
    // A changed byte, or another secret, fails verification.
    expect(() => verifier.verify(got[3].body.replace("retried", "retriee"), got[3].headers as Record<string, string>)).toThrow();
    expect(() => new Verifier(`whsec_${Buffer.alloc(24, 1).toString("base64")}`).verify(got[3].body, got[3].headers as Record<string, string>)).toThrow();
    // Waits grow: 100 ms · 2^(n-1), with jitter 0.5–1.5.
    const gaps = got.slice(1).map((d, i) => d.at - got[i].at);
    expect(gaps[2]).toBeGreaterThan(150);
    await sleep(200);
    const [mine] = expectData(await t.gql<any>(WEBHOOKS, {}, owner)).webhooks;
    const eventId = got[0].json.data.event.id;
    expect(mine.id).toBe(webhook.id);
    expect(mine.deliveries).toEqual([
      { eventId, attempt: 4, status: 200, error: null },
      { eventId, attempt: 3, status: 500, error: "the receiver answered HTTP 500" },
      { eventId, attempt: 2, status: 500, error: "the receiver answered HTTP 500" },
      { eventId, attempt: 1, status: 500, error: "the receiver answered HTTP 500" },
    ]);
    await t.gql(REMOVE, { id: webhook.id }, owner);
  });

  it("delivers in event order, each event once, only the kinds asked for, and the payload through the owner's shields", async () => {
    const owner = await t.agency("INDUSTRY_IT");
    const { webhook } = expectData(await t.gql<any>(REGISTER, { url: receiver.url, kinds: ["BLACKLIST_LISTED"] }, owner)).registerWebhook;
    const em = await t.agency("EMERGENCY_MANAGEMENT");
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const code = await createEnterprise(t, { sector: "HAZARDOUS_CHEMICALS" });
      codes.push(code);
      await blacklist(t, em, code);
    }
    const got = await receiver.waitFor(3);
    await sleep(500);
    expect(receiver.received.length).toBe(3);
    expect(got.map((d) => d.json.data.event.enterprise.creditCode)).toEqual(codes);
    expect(got.map((d) => d.json.type)).toEqual(["BLACKLIST_LISTED", "BLACKLIST_LISTED", "BLACKLIST_LISTED"]);
    const ids = got.map((d) => Number(d.json.data.event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    await t.hub.flushAccessLog();
    const [logged] = await t.sql(`SELECT count(*)::int AS n FROM access_record WHERE operation_name = 'WebhookDelivery' AND $1 = ANY(subjects)`, [codes[0]]);
    expect(logged.n).toBeGreaterThan(0);
    await t.gql(REMOVE, { id: webhook.id }, owner);
  });
});

describe("webhooks that keep failing", () => {
  it("are switched off after the retry window, and their owner is told", async () => {
    const t = await startTestHub({ env: { ...FAST, HUB_WEBHOOK_GIVE_UP_HOURS: "0.0003" } });
    const receiver = await startReceiver();
    try {
      receiver.answer = () => 503;
      const owner = await t.agency("FINANCE");
      const { webhook } = expectData(await t.gql<any>(REGISTER, { url: receiver.url, kinds: ["SANCTION_TASK_OVERDUE"] }, owner)).registerWebhook;
      await appendForFinance(t, 1, "never");
      let state: any;
      for (let i = 0; i < 60; i++) {
        [state] = expectData(await t.gql<any>(WEBHOOKS, {}, owner)).webhooks;
        if (!state.active) break;
        await sleep(100);
      }
      expect(state).toMatchObject({ id: webhook.id, active: false });
      const attempts = receiver.received.length;
      expect(attempts).toBeGreaterThan(1);
      const feed = expectData(await t.gql<any>(`{ events(kinds: [WEBHOOK_DEACTIVATED]) { edges { node { kind summary } } } }`, {}, owner)).events.edges;
      expect(feed).toEqual([{ node: { kind: "WEBHOOK_DEACTIVATED", summary: expect.stringContaining(receiver.url) } }]);
      // Only the owner hears of it, not every FINANCE agency.
      const other = await t.agency("FINANCE");
      expect(expectData(await t.gql<any>(`{ events(kinds: [WEBHOOK_DEACTIVATED]) { edges { node { kind } } } }`, {}, other)).events.edges).toEqual([]);
      await appendForFinance(t, 1, "after");
      await sleep(500);
      expect(receiver.received.length).toBe(attempts);
    } finally {
      await t.stop();
      await receiver.close();
    }
  });
});

describe("webhook workers on several instances", () => {
  onPostgres("deliver each event once when two instances run workers, and lose nothing when the delivering instance is killed (PostgreSQL only: several processes)", async () => {
    const t = await startTestHub({ env: { ...FAST, HUB_WEBHOOK_WORKER: "off" } });
    const receiver = await startReceiver();
    const env = { ...t.databaseEnv, ...FAST, LOG_LEVEL: "warn" };
    let b = await startHubProcess(env);
    let c = await startHubProcess(env);
    try {
      const owner = await t.agency("FINANCE");
      const { webhook } = expectData(await t.gql<any>(REGISTER, { url: receiver.url, kinds: ["SANCTION_TASK_OVERDUE"] }, owner)).registerWebhook;
      for (let i = 0; i < 6; i++) await appendForFinance(t, 5, `batch ${i}`);
      const got = await receiver.waitFor(30);
      await sleep(800);
      const ids = receiver.received.map((d) => Number(d.json.data.event.id));
      expect(ids.length).toBe(30);
      expect(new Set(ids).size).toBe(30);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(got.map((d) => d.json.data.event.summary)).toEqual(Array.from({ length: 30 }, (_, n) => `batch ${Math.floor(n / 5)} ${n % 5}`));

      // Now the receiver holds the next delivery open, and the instance delivering it is killed.
      receiver.received.length = 0;
      receiver.answer = (_d, i) => (i === 0 ? "hang" : 200);
      await appendForFinance(t, 1, "killed");
      const [first] = await receiver.waitFor(1);
      // Whichever of b and c took it: kill both hard, start a fresh instance.
      b.child.kill("SIGKILL");
      c.child.kill("SIGKILL");
      await Promise.all([stopHubProcess(b), stopHubProcess(c)]);
      b = await startHubProcess(env);
      c = b;
      await appendForFinance(t, 1, "next");
      const [again, next] = (await receiver.waitFor(3, 15_000)).slice(1);
      expect(again.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
      expect(again.json.data.event.summary).toBe("killed 0");
      expect(next.json.data.event.summary).toBe("next 0");
      await t.gql(REMOVE, { id: webhook.id }, owner);
    } finally {
      await stopHubProcess(b);
      if (c !== b) await stopHubProcess(c);
      await t.stop();
      await receiver.close();
    }
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createEnterprise, expectData, setPerson } from "../../helpers/factories";
import { startHubProcess, stopHubProcess, type HubProcess } from "../../helpers/hub-process";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const PORTAL = "https://portal.example.gov.cn";
const METRICS_TOKEN = "scrape-token-0123456789";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CORS for browser frontends on an allow-list, CSRF prevention kept, and a request id in one log line per request (issue 19). */
describe("CORS and the request log", () => {
  let t: TestHub;
  let hub: HubProcess;
  beforeAll(async () => {
    t = await startTestHub({ env: { HUB_CORS_ORIGINS: `${PORTAL}, http://localhost:5173`, HUB_METRICS: "on", HUB_METRICS_TOKEN: METRICS_TOKEN } });
    hub = await startHubProcess({ ...t.databaseEnv, HUB_CORS_ORIGINS: PORTAL, LOG_LEVEL: "info" });
  });
  afterAll(async () => {
    await stopHubProcess(hub);
    await t.stop();
  });

  const preflight = (origin: string) =>
    fetch(`${t.hub.url}/graphql`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    });

  it("answers an allowed origin's preflight and requests with that origin, never *, and refuses other origins' preflights", async () => {
    const ok = await preflight(PORTAL);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(PORTAL);
    expect(ok.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(ok.headers.get("access-control-allow-credentials")).toBeNull();
    const other = await preflight("https://evil.example.com");
    expect(other.status).toBe(403);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();

    const post = (origin: string) => fetch(`${t.hub.url}/graphql`, { method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify({ query: "{ sanctionMeasures { code } }" }) });
    const allowed = await post("http://localhost:5173");
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(allowed.headers.get("vary")).toContain("Origin");
    expect((await post("https://evil.example.com")).headers.get("access-control-allow-origin")).toBeNull();
    // CSRF prevention stays: a request a browser would send without a preflight is refused.
    const simple = await fetch(`${t.hub.url}/graphql`, { method: "POST", headers: { origin: PORTAL, "content-type": "text/plain" }, body: JSON.stringify({ query: "{ sanctionMeasures { code } }" }) });
    expect(simple.status).toBe(400);
  });

  it("returns the client's request id or a new one, and logs one line per request without the key or an ID number", async () => {
    const own = await fetch(`${t.hub.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", "x-request-id": "portal-42" }, body: JSON.stringify({ query: "{ me { name } }" }) });
    expect(own.headers.get("x-request-id")).toBe("portal-42");
    const made = await fetch(`${t.hub.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", "x-request-id": "<script>" }, body: JSON.stringify({ query: "{ me { name } }" }) });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    const key = await t.agency("EMERGENCY_MANAGEMENT");
    const code = await createEnterprise(t);
    const { input } = await setPerson(t, key, code, "LEGAL_REPRESENTATIVE");
    const res = await fetch(`${hub.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "x-request-id": "id-lookup-1" },
      // No operationName: the log names the operation the document holds.
      body: JSON.stringify({ query: "query WhoIs($n: String!) { person(idNumber: $n) { name idNumber } }", variables: { n: input.idNumber } }),
    });
    expect(expectData<any>((await res.json()) as any).person.idNumber).toBe(input.idNumber);
    await sleep(200);
    const line = hub.output().split("\n").find((l) => l.includes('"requestId":"id-lookup-1"'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ msg: "request", method: "POST", path: "/graphql", status: 200, operation: "WhoIs", audience: "EMERGENCY_MANAGEMENT", ms: expect.any(Number) });
    expect(line).not.toContain(key);
    expect(line).not.toContain(input.idNumber);
    expect(hub.output()).not.toContain(input.idNumber);
  });

  it("serves /metrics to the scraper's token: requests per operation and audience, errors by code, the pool, backlogs", async () => {
    expect((await fetch(`${t.hub.url}/metrics`)).status).toBe(401);
    // The second hub was not asked for metrics: there is no such page.
    expect((await fetch(`${hub.url}/metrics`)).status).toBe(404);
    const key = await t.agency("FINANCE");
    const ask = (query: string, operationName?: string) =>
      fetch(`${t.hub.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify({ query, operationName }) });
    await ask("query Measures { sanctionMeasures { code } }", "Measures");
    await ask("query Alerts { riskAlerts { totalCount } }", "Alerts");
    // A kit client sends only the trusted document's id, and other clients often no operationName:
    // both are counted under the operation Apollo resolved from the document.
    const manifest = JSON.parse(readFileSync(join(__dirname, "../../../schema/client/persisted-documents.json"), "utf8")) as Record<string, string>;
    const tasksId = Object.keys(manifest).find((id) => manifest[id].startsWith("query SanctionTasks("))!;
    const byId = (body: unknown) => fetch(`${t.hub.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
    expect((await byId({ documentId: tasksId, variables: { first: 1 } })).status).toBe(200);
    await ask("query Unnamed { sanctionMeasures { code } }");
    const scrape = async () => (await fetch(`${t.hub.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    const errorsOf = (text: string, code: string) => Number(new RegExp(`hub_graphql_errors_total\\{code="${code}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    const before = await scrape();
    // Refused before Apollo runs: still counted by code.
    // A name the client claims for a request refused before Apollo resolves it is not a label.
    expect((await byId({ documentId: "sha256:" + "0".repeat(64), operationName: "Claimed" })).status).toBe(400);
    // Refused while Apollo made the context: a key the hub does not know.
    const badKey = await fetch(`${t.hub.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer hub_not-a-key" }, body: JSON.stringify({ query: "{ me { name } }" }) });
    expect(badKey.status).toBe(401);
    expect((await fetch(`${t.hub.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: "{not json" })).status).toBe(400);
    const text = await scrape();
    // One bad JSON body, one unknown document id, one unknown key: one more of each.
    for (const code of ["BAD_REQUEST", "PERSISTED_QUERY_NOT_FOUND", "UNAUTHENTICATED"]) expect(errorsOf(text, code) - errorsOf(before, code)).toBe(1);
    expect(text).toMatch(/hub_http_requests_total\{operation="Measures",audience="FINANCE",status="200"\} 1/);
    expect(text).toMatch(/hub_http_request_duration_seconds_count\{operation="Measures",audience="FINANCE"\} 1/);
    expect(text).toMatch(/hub_http_requests_total\{operation="SanctionTasks",audience="FINANCE",status="200"\} 1/);
    expect(text).toMatch(/hub_http_requests_total\{operation="Unnamed",audience="FINANCE",status="200"\} 1/);
    expect(text).toMatch(/hub_graphql_errors_total\{code="FORBIDDEN"\} [1-9]/);
    expect(text).not.toContain('operation="Claimed"');
    for (const state of ["idle", "in_use", "waiting"]) expect(text).toMatch(new RegExp(`hub_db_pool_connections\\{state="${state}"\\} \\d+`));
    expect(text).toMatch(/hub_webhook_failures_total \d+/);
    expect(text).toMatch(/hub_access_log_backlog \d+/);
    expect(text).toMatch(/hub_ws_subscriptions 0/);
    expect(text).toMatch(/hub_webhook_backlog_events \d+/);
    expect(text).toContain("hub_nodejs_eventloop_lag_seconds");
    expect(text).not.toContain(key);
  });
});

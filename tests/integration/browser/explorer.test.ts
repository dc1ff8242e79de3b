import path from "node:path";
import type { Browser } from "playwright-core";
import { seedDemoData } from "../../../src/tools/demo/demo-seed.service";
import { launchBrowser, SCREENSHOTS } from "../../helpers/browser";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const PROFILE = `query Profile($creditCode: CreditCode!) {
  enterprise(creditCode: $creditCode) { name creditCode onBlacklist }
}`;

describe("the GraphQL explorer in headless Chromium", () => {
  let t: TestHub;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestHub(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it("loads from the hub alone, takes a pasted demo key, runs a profile query and shows the enterprise's name", async () => {
    // As a newcomer would: the demo data's own key (printed at first start) and one of its enterprises.
    const demo = await seedDemoData(t.hub.database.dataSource, t.hub.services);
    const key = demo.agencies.find((a) => a.department === "CREDIT_OFFICE")!.token;
    const [{ code, name }] = await t.sql(`SELECT credit_code AS code, name FROM enterprise WHERE name LIKE '%有限公司' ORDER BY credit_code LIMIT 1`);
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    const requested: string[] = [];
    const problems: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(e.message));
    const address = `${t.hub.url}/graphiql?query=${encodeURIComponent(PROFILE)}&variables=${encodeURIComponent(JSON.stringify({ creditCode: code }))}`;
    const loaded = await page.goto(address);
    expect(loaded?.status()).toBe(200);
    await page.locator("#hub-key").fill(key);
    await page.getByRole("button", { name: "Use key" }).click();
    await page.locator(".graphiql-execute-button").click();
    await page.locator(".result-window").getByText(name).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, "explorer-profile.png") });

    // Nothing from a CDN or any other host: every script, style and font is the hub's own.
    const foreign = requested.filter((u) => !u.startsWith(t.hub.url) && !u.startsWith("data:"));
    expect(foreign).toEqual([]);
    expect(requested).toContain(`${t.hub.url}/explorer/graphiql.js`);
    // The key reached the hub as a bearer token: the access log names the agency's read.
    await t.hub.flushAccessLog();
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM access_record WHERE operation_name = 'Profile'`);
    expect(n).toBeGreaterThan(0);
    // No script error, no refused style or font; the page has no favicon (404).
    expect(problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
    // The explorer read the schema (introspection, which the cost limit does not count) and so shows its documentation.
    expect(requested.filter((u) => u === `${t.hub.url}/graphql`).length).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it("serves the same page at /, answers 304 to a repeat, and keeps the key out of the address", async () => {
    const res = await fetch(`${t.hub.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    const again = await fetch(`${t.hub.url}/explorer/graphiql.css`, { headers: { "if-none-match": (await fetch(`${t.hub.url}/explorer/graphiql.css`)).headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${t.hub.url}/explorer/nothing.js`)).status).toBe(404);
  });
});

describe("the explorer in production", () => {
  it("is off unless HUB_EXPLORER=on", async () => {
    for (const [env, status] of [[{ NODE_ENV: "production" }, 404], [{ NODE_ENV: "production", HUB_EXPLORER: "on" }, 200]] as const) {
      const t = await startTestHub({ env });
      try {
        expect((await fetch(`${t.hub.url}/graphiql`)).status).toBe(status);
        expect((await fetch(`${t.hub.url}/`)).status).toBe(status);
      } finally {
        await t.stop();
      }
    }
  });
});

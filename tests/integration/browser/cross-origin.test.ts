import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser } from "playwright-core";
import { createEnterprise } from "../../helpers/factories";
import { launchBrowser, SCREENSHOTS } from "../../helpers/browser";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

/** Another team's frontend: a page on its own origin that calls the hub with fetch and shows the answer. */
function frontendPage(hubUrl: string, key: string, creditCode: string): string {
  const call = JSON.stringify({ query: "query Profile($c: CreditCode!) { enterprise(creditCode: $c) { name } }", variables: { c: creditCode } });
  return `<!doctype html><html><head><meta charset="utf-8"><title>frontend</title></head><body>
<h1>某部门业务系统</h1><p id="out">calling…</p>
<script>
fetch(${JSON.stringify(`${hubUrl}/graphql`)}, { method: "POST", headers: { "content-type": "application/json", authorization: ${JSON.stringify(`Bearer ${key}`)} }, body: ${JSON.stringify(call)} })
  .then(function (r) { return r.json(); })
  .then(function (b) { document.getElementById("out").textContent = "enterprise: " + b.data.enterprise.name; })
  .catch(function (e) { document.getElementById("out").textContent = "blocked: " + e.message; });
</script></body></html>`;
}

describe("a browser frontend on another origin", () => {
  let t: TestHub;
  let browser: Browser;
  let frontend: http.Server;
  let port: number;
  let page = "";
  beforeAll(async () => {
    frontend = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page));
    await new Promise<void>((r) => frontend.listen(0, "127.0.0.1", r));
    port = (frontend.address() as AddressInfo).port;
    [t, browser] = await Promise.all([startTestHub({ env: { HUB_CORS_ORIGINS: `http://127.0.0.1:${port}` } }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await new Promise((r) => frontend.close(r));
  });

  it("calls the hub from an allowed origin (preflight answered), and is blocked from any other", async () => {
    const code = await createEnterprise(t, { name: "跨域调用测试有限公司" });
    page = frontendPage(t.hub.url, await t.agency("TRANSPORT"), code);
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${port}/app`);
    await tab.locator("#out").getByText("enterprise: 跨域调用测试有限公司").waitFor({ timeout: 10_000 });
    await tab.screenshot({ path: path.join(SCREENSHOTS, "cross-origin-allowed.png") });

    // "localhost" is another origin than "127.0.0.1": not on the allow-list, so the browser stops the call.
    await tab.goto(`http://localhost:${port}/app`);
    await tab.locator("#out").getByText("blocked:").waitFor({ timeout: 10_000 });
    await tab.screenshot({ path: path.join(SCREENSHOTS, "cross-origin-refused.png") });
    await tab.close();
    // What the browser asked first (Chromium does not show preflights to the page): the same preflight by hand.
    const preflight = await fetch(`${t.hub.url}/graphql`, {
      method: "OPTIONS",
      headers: { origin: `http://127.0.0.1:${port}`, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(`http://127.0.0.1:${port}`);
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
  });
});

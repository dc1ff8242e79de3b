import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { DEPARTMENT_NAMES, type Department } from "../../../src/auth/department.enums";
import { addDays, today } from "../../../src/shared/clock";
import { cityName } from "../../../src/shared/region";
import { seedDemoData } from "../../../src/tools/demo/demo-seed.service";
import { blacklist, createEnterprise, expectData, setPerson } from "../../helpers/factories";
import { launchBrowser, SCREENSHOTS } from "../../helpers/browser";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const run = promisify(execFile);
const REPORT = `query($from: Date!, $to: Date!) { feedbackReport(from: $from, to: $to) {
  tasksDistributed tasksReported tasksOverdue reportingRate rows { department regionCode measure tasksDistributed tasksReported applied partiallyApplied notApplied } mostOverdue { id } } }`;
const REGISTER = `mutation($input: SanctionFeedbackInput!) { registerSanctionFeedback(input: $input) { replayed } }`;
const LINK = `mutation($from: Date!, $to: Date!) { feedbackReportLink(from: $from, to: $to) { url expiresAt } }`;

/** The headline figures as the page prints them, in order: distributed, reported, rate, overdue. */
async function figures(page: import("playwright-core").Page): Promise<string[]> {
  return page.locator("#figures .figure .value").allTextContents();
}

describe("the implementation report page (/reports/feedback) in headless Chromium", () => {
  let t: TestHub;
  let browser: Browser;
  let oversight: string;
  let finance: string;
  const from = addDays(today(), -1);
  const to = addDays(today(), 1);
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestHub(), launchBrowser()]);
    const em = await t.agency("EMERGENCY_MANAGEMENT");
    oversight = await t.agency("CREDIT_OFFICE");
    finance = await t.agency("FINANCE");
    // Three blacklisted enterprises in three cities; FINANCE reports on one, two tasks run late.
    const entries: string[] = [];
    for (const [name, region] of [["南京报告页化工有限公司", "320102"], ["无锡报告页建材有限公司", "320205"], ["苏州报告页科技有限公司", "320583"]]) {
      const code = await createEnterprise(t, { name, regionCode: region });
      await setPerson(t, em, code, "LEGAL_REPRESENTATIVE");
      entries.push((await blacklist(t, em, code)).find((e: { subjectType: string }) => e.subjectType === "ENTERPRISE").id);
    }
    expectData(await t.gql(REGISTER, { input: { clientReference: "PAGE-1", blacklistEntryId: entries[0], measure: "RESTRICT_GOVERNMENT_PROCUREMENT", matter: "GOVERNMENT_PROCUREMENT", appliedOn: today(), outcome: "APPLIED" } }, finance));
    // Back-dated due dates stand for tasks distributed long ago that nobody reported.
    await t.sql(`UPDATE sanction_task SET due_on = current_date - 12 WHERE id IN (SELECT id FROM sanction_task WHERE blacklist_entry_id = $1 ORDER BY department LIMIT 2)`, [entries[1]]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it("shows OVERSIGHT exactly its feedbackReport: figures, both charts, outcomes and the most overdue tasks", async () => {
    const api = expectData(await t.gql<any>(REPORT, { from, to }, oversight)).feedbackReport;
    expect(api.tasksDistributed).toBeGreaterThan(3);
    expect(api.tasksOverdue).toBe(2);
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${oversight}` }, viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on("request", (r) => { if (r.resourceType() === "script") scripts.push(r.url()); });
    const res = await page.goto(`${t.hub.url}/reports/feedback?from=${from}&to=${to}`);
    expect(res?.status()).toBe(200);
    expect(await figures(page)).toEqual([String(api.tasksDistributed), String(api.tasksReported), `${(api.reportingRate * 100).toFixed(1)} %`, String(api.tasksOverdue)]);
    expect(await page.locator("svg.chart").count()).toBe(2);
    const charts = (await page.locator("svg.chart").allTextContents()).join(" ");
    expect(charts).toContain("财政");
    expect(charts).toContain("应急管理");
    for (const city of ["南京市", "无锡市", "苏州市"]) expect(charts).toContain(city);
    // Each bar says what the API's rows add up to, per department and per city: "40.0 %（2/5）" beside its name.
    const bars = async (n: number) => {
      const texts = await page.locator("svg.chart").nth(n).locator("text").allTextContents();
      const shown = new Map<string, string>();
      texts.forEach((text, k) => { if (/（\d+\/\d+）$/.test(texts[k + 1] ?? "")) shown.set(text, texts[k + 1]); });
      return shown;
    };
    const expected = (key: (r: any) => string) => {
      const sums = new Map<string, [number, number]>();
      for (const r of api.rows) {
        const [reported, distributed] = sums.get(key(r)) ?? [0, 0];
        sums.set(key(r), [reported + r.tasksReported, distributed + r.tasksDistributed]);
      }
      return new Map([...sums].filter(([, [, d]]) => d > 0).map(([k, [r, d]]) => [k, `${((r / d) * 100).toFixed(1)} %（${r}/${d}）`]));
    };
    expect(await bars(0)).toEqual(expected((r) => DEPARTMENT_NAMES[r.department as Department]));
    expect(await bars(1)).toEqual(expected((r) => cityName(r.regionCode)));
    // Outcomes by measure: the one APPLIED report, in its measure's row.
    expect(await page.locator("#outcomes tbody tr").count()).toBe(1);
    const applied = api.rows.filter((r: any) => r.applied + r.partiallyApplied + r.notApplied > 0);
    expect(applied).toHaveLength(1);
    const measures = expectData(await t.gql<any>(`{ sanctionMeasures { code title } }`)).sanctionMeasures;
    const title = measures.find((m: any) => m.code === applied[0].measure).title;
    expect((await page.locator("#outcomes tbody tr td").allTextContents()).map((c) => c.trim())).toEqual([title, "1", "0", "0", "1"]);
    expect(await page.locator("#overdue tbody tr").count()).toBe(api.mostOverdue.length);
    await expect(page.locator("#overdue").textContent()).resolves.toContain("无锡报告页建材有限公司");
    expect(scripts).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, "feedback-report-page.png"), fullPage: true });
    // Printed on A4 as it is shown: the print stylesheet keeps charts and tables whole.
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: path.join(SCREENSHOTS, "feedback-report-print.png"), fullPage: true });
    // Chromium's own print of the page takes its paper from the stylesheet (@page A4).
    const printed = path.join(os.tmpdir(), `feedback-report-print-${process.pid}.pdf`);
    try {
      await page.pdf({ path: printed, preferCSSPageSize: true });
      expect((await run("pdfinfo", [printed])).stdout).toMatch(/Page size:.*pts \(A4\)/);
    } finally {
      fs.rmSync(printed, { force: true });
    }
    await context.close();
  });

  it("shows a department only its own department's figures, as its own feedbackReport does", async () => {
    const api = expectData(await t.gql<any>(REPORT, { from, to }, finance)).feedbackReport;
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${finance}` } });
    const page = await context.newPage();
    await page.goto(`${t.hub.url}/reports/feedback?from=${from}&to=${to}`);
    expect(await figures(page)).toEqual([String(api.tasksDistributed), String(api.tasksReported), `${(api.reportingRate * 100).toFixed(1)} %`, String(api.tasksOverdue)]);
    expect(await page.locator("svg.chart").first().textContent()).not.toContain("应急管理");
    await context.close();
  });

  it("opens from a signed link without a key, refuses a changed link, and gives CSV for Excel", async () => {
    const { url } = expectData(await t.gql<any>(LINK, { from, to }, oversight)).feedbackReportLink;
    const page = await browser.newPage();
    expect((await page.goto(`${t.hub.url}${url}`))?.status()).toBe(200);
    const api = expectData(await t.gql<any>(REPORT, { from, to }, oversight)).feedbackReport;
    expect((await figures(page))[0]).toBe(String(api.tasksDistributed));
    const tampered = url.replace(/.$/, (c: string) => (c === "A" ? "B" : "A"));
    expect((await page.goto(`${t.hub.url}${tampered}`))?.status()).toBe(401);
    await page.close();
    // The link is refused where the report would be: another department's report, a reversed period.
    const otherLink = `mutation($from: Date!, $to: Date!) { feedbackReportLink(from: $from, to: $to, department: TRANSPORT) { url } }`;
    expect((await t.gql<any>(otherLink, { from, to }, finance)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const reversed = await t.gql<any>(LINK, { from: to, to: addDays(from, -2) }, oversight);
    expect(reversed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "from" });
    // Without a key or link: 401, and the public audience may not read the report.
    expect((await fetch(`${t.hub.url}/reports/feedback?from=${from}&to=${to}`)).status).toBe(401);
    const csv = await fetch(`${t.hub.url}${url}&format=csv`);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.startsWith("部门,地区,区划代码,措施代码,下发任务,已反馈,逾期")).toBe(true);
    expect(text.trim().split("\n")).toHaveLength(api.rows.length + 1);
    const bad = await fetch(`${t.hub.url}/reports/feedback?from=2026-02-30&to=${to}`, { headers: { authorization: `Bearer ${oversight}` } });
    expect(bad.status).toBe(400);
  });

  it("prints as an A4 PDF with the embedded Chinese font: the same figures, read back by pdftotext", async () => {
    const api = expectData(await t.gql<any>(REPORT, { from, to }, oversight)).feedbackReport;
    const res = await fetch(`${t.hub.url}/reports/feedback?from=${from}&to=${to}&format=pdf`, { headers: { authorization: `Bearer ${oversight}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-report-pdf-"));
    try {
      const file = path.join(dir, "report.pdf");
      fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const { stdout: text } = await run("pdftotext", ["-layout", file, "-"]);
      expect(text).toContain("联合惩戒实施情况通报");
      expect(text).toContain(`${(api.reportingRate * 100).toFixed(1)} %`);
      for (const name of ["财政", "应急管理", "南京市", "无锡报告页建材有限公司"]) expect(text).toContain(name);
      const { stdout: pageSize } = await run("pdfinfo", [file]);
      expect(pageSize).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
      await run("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", file, path.join(SCREENSHOTS, "feedback-report-pdf")]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the report page on the demo data, with a demo key", () => {
  it("shows the emergency management department the demo's figures exactly as its feedbackReport does, overdue tasks included", async () => {
    const t = await startTestHub();
    const browser = await launchBrowser();
    try {
      const demo = await seedDemoData(t.hub.database.dataSource, t.hub.services);
      const key = demo.agencies.find((a) => a.department === "EMERGENCY_MANAGEMENT")!.token;
      const to = today();
      const from = addDays(to, -365);
      const api = expectData(await t.gql<any>(REPORT, { from, to }, key)).feedbackReport;
      expect(api.tasksReported).toBeGreaterThan(0);
      expect(api.tasksOverdue).toBeGreaterThan(0);
      const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${key}` }, viewport: { width: 1000, height: 900 } });
      const page = await context.newPage();
      expect((await page.goto(`${t.hub.url}/reports/feedback?from=${from}&to=${to}`))?.status()).toBe(200);
      expect(await figures(page)).toEqual([String(api.tasksDistributed), String(api.tasksReported), `${(api.reportingRate * 100).toFixed(1)} %`, String(api.tasksOverdue)]);
      expect(await page.locator("#overdue tbody tr").count()).toBe(Math.min(10, api.tasksOverdue));
      await page.screenshot({ path: path.join(SCREENSHOTS, "feedback-report-demo.png"), fullPage: true });
      await context.close();
    } finally {
      await browser.close();
      await t.stop();
    }
  });
});

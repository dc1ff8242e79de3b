import { execFile } from "node:child_process";
import { createHash, verify } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { addDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, expectData, recordPenalty, setPerson } from "../../helpers/factories";
import { newCreditCode } from "../../helpers/identifiers";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const run = promisify(execFile);
const ISSUE = `mutation Issue($c: CreditCode!, $p: AdministrativeMatter!) { issueCreditReport(creditCode: $c, purpose: $p) { number verificationCode issuedAt sha256 url } }`;
const VERIFY = `query($n: String!, $v: String!) { verifyCreditReport(number: $n, verificationCode: $v) { genuine number creditCode enterpriseName issuedAt sha256 signature } }`;
const NAME = "苏州示范安全化工有限公司";
// The first page as PNG, for a person to look at (git-ignored).
const OUTPUT = path.join(__dirname, "../../output/credit-report");

interface Issued { number: string; verificationCode: string; issuedAt: string; sha256: string; url: string }

/** Credit reports (专项信用报告): issued as PDFs by the subject for itself or any department, stored, verified. */
describe("credit reports", () => {
  let t: TestHub;
  let em: string;
  let own: string;
  let other: string;
  let subjectKey: string;
  let idNumber: string;
  let minorDecision: string;
  let tmp: string;
  let byDepartment: Issued;

  const issue = async (token: string | undefined, creditCode: string) => t.gql<{ issueCreditReport: Issued }>(ISSUE, { c: creditCode, p: "BIDDING" }, token);
  const fetchPdf = async (url: string, token?: string) => fetch(`${t.hub.url}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const pdfText = async (pdf: Buffer, name: string) => {
    const file = path.join(tmp, `${name}.pdf`);
    fs.writeFileSync(file, pdf);
    return (await run("pdftotext", ["-enc", "UTF-8", file, "-"])).stdout;
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "credit-report-"));
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    own = await createEnterprise(t, { name: NAME, address: "苏州市工业园区星湖街 1 号", regionCode: "320506" });
    other = await createEnterprise(t);
    ({ input: { idNumber } } = await setPerson(t, em, own, "LEGAL_REPRESENTATIVE", { name: "王建国" }));
    // A MINOR penalty (a warning) is never public: departments and the subject itself read it, the public does not.
    minorDecision = `苏应急罚〔2026〕轻${Date.now() % 100000}号`;
    await recordPenalty(t, em, own, { decisionNumber: minorDecision, penaltyTypes: ["WARNING"], fineAmount: null, decidedOn: addDays(today(), -20) });
    subjectKey = await t.subject(own);
    const res = await issue(em, own);
    expect(res.errors).toBeUndefined();
    byDepartment = res.data!.issueCreditReport;
  });
  afterAll(async () => {
    await t.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("issues a department's report: a PDF whose text holds the Chinese name, the number, the MINOR penalty and the ID number masked only", async () => {
    expect(byDepartment).toMatchObject({ number: expect.stringMatching(/^JSXY-\d{4}-\d{6}$/), verificationCode: expect.stringMatching(/^[2-9A-HJ-NP-Z]{8}$/), url: `/credit-reports/${byDepartment.number}.pdf` });
    const res = await fetchPdf(byDepartment.url, em);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(pdf, "department");
    expect(text).toContain(NAME);
    expect(text).toContain(byDepartment.number);
    expect(text).toContain(byDepartment.verificationCode);
    expect(text).toContain(minorDecision);
    expect(text).toContain("王建国");
    expect(text).not.toContain(idNumber);
    expect(text).toContain(`${idNumber.slice(0, 6)}`);
    // Emergency management reads the risk assessment; the subject does not (below).
    expect(text).toContain("风险评估");
    // The Chinese text is drawn with the embedded (subset) CJK face, not a font of this machine.
    const fonts = (await run("pdffonts", [path.join(tmp, "department.pdf")])).stdout;
    expect(fonts).toMatch(/\+NotoSansCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes\s+yes/);
    fs.mkdirSync(OUTPUT, { recursive: true });
    await run("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", path.join(tmp, "department.pdf"), path.join(OUTPUT, "department-page-1")]);
    expect(fs.statSync(path.join(OUTPUT, "department-page-1.png")).size).toBeGreaterThan(10_000);
  });

  it("prints a QR code that reads as the report's verification address, which says genuine", async () => {
    const pdf = Buffer.from(await (await fetchPdf(byDepartment.url, em)).arrayBuffer());
    fs.writeFileSync(path.join(tmp, "qr.pdf"), pdf);
    await run("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", path.join(tmp, "qr.pdf"), path.join(tmp, "qr-page")]);
    const png = PNG.sync.read(fs.readFileSync(path.join(tmp, "qr-page.png")));
    const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    expect(code).not.toBeNull();
    // The test hub's HUB_PUBLIC_URL is the default, http://127.0.0.1:4000: the path and query are what is checked.
    const address = new URL(code!.data);
    expect(address.pathname).toBe("/verify");
    expect(Object.fromEntries(address.searchParams)).toEqual({ number: byDepartment.number, code: byDepartment.verificationCode });
    const page = await fetch(`${t.hub.url}${address.pathname}${address.search}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("真实有效");
  });

  it("shows the public none of the MINOR penalty, and the subject its own report without the departments' risk assessment", async () => {
    const publicView = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { penalties { edges { node { decisionNumber } } } } }`, { c: own });
    expect(JSON.stringify(publicView.data)).not.toContain(minorDecision);
    const mine = expectData(await issue(subjectKey, own)).issueCreditReport;
    const res = await fetchPdf(mine.url, subjectKey);
    expect(res.status).toBe(200);
    const text = await pdfText(Buffer.from(await res.arrayBuffer()), "subject");
    expect(text).toContain(NAME);
    expect(text).toContain(mine.number);
    // POLICY: of its own enterprise the subject reads every field a department reads (MINOR penalties too) except the risk assessment.
    expect(text).toContain(minorDecision);
    expect(text).not.toContain("风险评估");
    expect(text).not.toContain(idNumber);
  });

  it("lets the public issue nothing, and a subject nothing about another enterprise; an unknown enterprise is NOT_FOUND", async () => {
    const anonymous = await issue(undefined, own);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const theirs = await issue(subjectKey, other);
    expect(theirs.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const unknown = await issue(em, newCreditCode());
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    // The subject asking about an unknown code is refused the same way as about a known other one.
    expect((await issue(subjectKey, newCreditCode())).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("serves the same bytes every time, to the issuer only (anyone else: 404, as for a number never issued)", async () => {
    const first = Buffer.from(await (await fetchPdf(byDepartment.url, em)).arrayBuffer());
    const again = Buffer.from(await (await fetchPdf(byDepartment.url, em)).arrayBuffer());
    expect(again.equals(first)).toBe(true);
    expect(createHash("sha256").update(first).digest("hex")).toBe(byDepartment.sha256);
    const [stored] = await t.sql(`SELECT sha256, encode(sha256(pdf), 'hex') AS actual FROM credit_report WHERE number = $1`, [byDepartment.number]);
    expect(stored).toEqual({ sha256: byDepartment.sha256, actual: byDepartment.sha256 });
    expect((await fetchPdf(byDepartment.url)).status).toBe(404);
    expect((await fetchPdf(byDepartment.url, subjectKey)).status).toBe(404);
    expect((await fetchPdf(byDepartment.url, await t.agency("TRANSPORT"))).status).toBe(404);
    expect((await fetchPdf("/credit-reports/JSXY-2000-999999.pdf", em)).status).toBe(404);
  });

  it("verifies the number and code as genuine, and anything else as not genuine, saying nothing more", async () => {
    const ok = await t.gql(VERIFY, { n: byDepartment.number, v: byDepartment.verificationCode });
    expect(ok.data!.verifyCreditReport).toEqual({
      genuine: true, number: byDepartment.number, creditCode: own, enterpriseName: NAME, issuedAt: byDepartment.issuedAt, sha256: byDepartment.sha256, signature: expect.any(String),
    });
    const code = byDepartment.verificationCode;
    const changed = code.slice(0, -1) + (code.endsWith("A") ? "B" : "A");
    const nothing = { genuine: false, creditCode: null, enterpriseName: null, issuedAt: null, sha256: null, signature: null };
    expect((await t.gql(VERIFY, { n: byDepartment.number, v: changed })).data!.verifyCreditReport).toEqual({ ...nothing, number: byDepartment.number });
    expect((await t.gql(VERIFY, { n: "JSXY-2000-999999", v: code })).data!.verifyCreditReport).toEqual({ ...nothing, number: "JSXY-2000-999999" });
    // Lower case, as typed from paper, is the same code.
    expect((await t.gql(VERIFY, { n: byDepartment.number, v: code.toLowerCase() }, subjectKey)).data!.verifyCreditReport.genuine).toBe(true);
  });

  it("has a public /verify page saying 真实有效 with the hash, or 无法验证 and nothing else", async () => {
    const page = async (n: string, c: string) => {
      const res = await fetch(`${t.hub.url}/verify?number=${encodeURIComponent(n)}&code=${encodeURIComponent(c)}`);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      return res.text();
    };
    const genuine = await page(byDepartment.number, byDepartment.verificationCode);
    expect(genuine).toContain("真实有效");
    expect(genuine).toContain(byDepartment.sha256);
    expect(genuine).toContain(NAME);
    const wrong = await page(byDepartment.number, "ZZZZZZZZ");
    expect(wrong).toContain("无法验证");
    expect(wrong).not.toContain(NAME);
    expect(wrong).not.toContain(byDepartment.sha256);
  });

  it("signs the PDF's hash: one byte changed, the hash no longer matches and the signature fails with the published key", async () => {
    const keyRes = await fetch(`${t.hub.url}/.well-known/credit-report-signing-key`);
    expect(keyRes.status).toBe(200);
    const publicKey = await keyRes.text();
    expect(publicKey).toContain("BEGIN PUBLIC KEY");
    const { signature, issuedAt } = (await t.gql(VERIFY, { n: byDepartment.number, v: byDepartment.verificationCode })).data!.verifyCreditReport;
    const statement = (sha: string) => Buffer.from(`JSXY-CREDIT-REPORT/1\n${byDepartment.number}\n${own}\n${issuedAt}\n${sha}\n`, "utf8");
    const pdf = Buffer.from(await (await fetchPdf(byDepartment.url, em)).arrayBuffer());
    const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
    expect(verify(null, statement(sha(pdf)), publicKey, Buffer.from(signature, "base64"))).toBe(true);
    const tampered = Buffer.from(pdf);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    expect(sha(tampered)).not.toBe(byDepartment.sha256);
    expect(verify(null, statement(sha(tampered)), publicKey, Buffer.from(signature, "base64"))).toBe(false);
    // The signature printed in the PDF signs its header facts (a PDF cannot hold the signature of its own hash).
    const text = (await pdfText(pdf, "signed")).replace(/\s+/g, "");
    const printed = /报告签章：([A-Za-z0-9+/=]{86,88}==)/.exec(text)?.[1];
    const header = Buffer.from(`JSXY-CREDIT-REPORT-HEADER/1\n${byDepartment.number}\n${own}\n${issuedAt}\n`, "utf8");
    expect(printed && verify(null, header, publicKey, Buffer.from(printed, "base64"))).toBe(true);
  });

  it("prints names, not codes: the city of a Suzhou county, the measures' titles, the penalty's severity and the department", async () => {
    const suzhou = await createEnterprise(t, { name: "苏州吴中示范机械有限公司", regionCode: "320505" });
    // Detention makes a penalty SERIOUS (严重), whatever its fine.
    const decision = `苏应急罚〔2026〕重${Date.now() % 100000}号`;
    await recordPenalty(t, em, suzhou, { decisionNumber: decision, penaltyTypes: ["FINE", "DETENTION"], decidedOn: addDays(today(), -10) });
    await blacklist(t, em, suzhou, { includeRoles: [] });
    const { enterprise: { measuresInForce }, sanctionMeasures } = expectData(await t.gql<{ enterprise: { measuresInForce: string[] }; sanctionMeasures: { code: string; title: string }[] }>(
      `query($c: CreditCode!) { enterprise(creditCode: $c) { measuresInForce } sanctionMeasures { code title } }`, { c: suzhou }, em));
    expect(measuresInForce.length).toBeGreaterThan(0);
    const creditOffice = await t.agency("CREDIT_OFFICE");
    const issued = expectData(await issue(creditOffice, suzhou)).issueCreditReport;
    const res = await fetchPdf(issued.url, creditOffice);
    expect(res.status).toBe(200);
    // pdftotext breaks long lines where the PDF wraps them: compare without whitespace.
    const flat = (text: string) => text.replace(/\s+/g, "");
    const text = flat(await pdfText(Buffer.from(await res.arrayBuffer()), "suzhou"));
    expect(text).toContain("所在地区：苏州市（320505）");
    expect(text).not.toContain("行政区划代码");
    for (const code of measuresInForce) {
      expect(text).toContain(flat(sanctionMeasures.find((m) => m.code === code)!.title));
      expect(text).not.toContain(code);
    }
    expect(text).toContain(decision);
    expect(text).toContain("失信程度：严重");
    // The issuer and the recognizing department by the names of DEPARTMENT_NAMES, not the report's own.
    expect(text).toContain("签发方：TestCREDIT_OFFICE（发展改革委（信用办））");
    expect(text).toContain("应急管理认定");
  });

  it("writes an access record for each issue, with the enterprise and the purpose", async () => {
    await t.hub.flushAccessLog();
    const rows = await t.sql(`SELECT operation_name, purpose, subjects FROM access_record WHERE operation_name = 'Issue' AND $1 = ANY(subjects)`, [own]);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0]).toMatchObject({ purpose: "BIDDING" });
  });

  it("keeps issued reports immutable", async () => {
    await expect(t.sql(`UPDATE credit_report SET enterprise_name = 'x' WHERE number = $1`, [byDepartment.number])).rejects.toThrow(/immutable/);
    await expect(t.sql(`DELETE FROM credit_report`)).rejects.toThrow(/immutable/);
  });
});

describe("a hub without its CJK font", () => {
  it("starts outside production (a newcomer's npm start) and answers printed reports SERVICE_UNAVAILABLE, saying why", async () => {
    const t = await startTestHub({ env: { HUB_CREDIT_REPORT_FONT_FILE: "/nonexistent/NotoSansCJK-Regular.ttc" } });
    try {
      const em = await t.agency("EMERGENCY_MANAGEMENT");
      const code = await createEnterprise(t);
      const res = await t.gql(ISSUE, { c: code, p: "BIDDING" }, em);
      expect(res.errors?.[0].extensions?.code).toBe("SERVICE_UNAVAILABLE");
      expect(res.errors?.[0].message).toMatch(/fonts-noto-cjk|HUB_CREDIT_REPORT_FONT_FILE/);
      // The rest of the hub serves: the report page as HTML, not as PDF.
      const page = (format: string) => fetch(`${t.hub.url}/reports/feedback?from=2026-01-01&to=2026-01-31&format=${format}`, { headers: { authorization: `Bearer ${em}` } });
      expect((await page("html")).status).toBe(200);
      expect((await page("pdf")).status).toBe(503);
    } finally {
      await t.stop();
    }
  });

  it("refuses to start with NODE_ENV=production, naming the setting", async () => {
    await expect(startTestHub({ env: { NODE_ENV: "production", HUB_CREDIT_REPORT_FONT_FILE: "/nonexistent/NotoSansCJK-Regular.ttc" } })).rejects.toThrow(/HUB_CREDIT_REPORT_FONT_FILE/);
  });
});

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { addDays, today } from "../../../src/shared/clock";
import { projectRoot } from "../../../src/shared/project-root";
import { testAuditKeyFile } from "../../helpers/audit-key";
import { createEnterprise } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

/** `hub …` as a person runs it: the built CLI (`npm test` builds first) in its own process. */
function builtHub(env: Record<string, string>, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const bin = path.join(projectRoot(), "bin/hub.js");
  const main = path.join(projectRoot(), "dist/src/cli/main.js");
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run npm run build (npm test does)`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, LOG_LEVEL: "silent", HUB_DEMO_SEED: "off", HUB_AUDIT_KEY_FILE: testAuditKeyFile(), ...env } },
      (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? Number((err as { code?: number }).code ?? 1) : 0 }),
    );
  });
}

const PENALTY_HEADER = "credit_code,decision_number,department,decided_on,violation,penalty_types,fine_amount,legal_basis";

describe("hub import: file encodings", () => {
  let t: TestHub;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-import-encoding-"));
  const hub = (...args: string[]) => builtHub(t.databaseEnv, ...args);
  const write = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const penaltiesOf = (code: string) =>
    t.sql(
      `SELECT decision_number AS number, violation, legal_basis AS basis FROM penalty p JOIN enterprise e ON e.id = p.enterprise_id
       WHERE e.credit_code = $1 ORDER BY decision_number`,
      [code],
    );
  const penaltyRows = (code: string) => [
    PENALTY_HEADER,
    `${code},苏应急罚〔2026〕1号,EMERGENCY_MANAGEMENT,${addDays(today(), -30)},未开展安全生产教育和培训,FINE,30000.00,《中华人民共和国安全生产法》第九十七条`,
    `${code},苏应急罚〔2026〕2号,EMERGENCY_MANAGEMENT,${addDays(today(), -3)},"未按规定排查治理事故隐患，责令整改",WARNING|FINE,10000,`,
  ];
  const expectedPenalties = [
    { number: "苏应急罚〔2026〕1号", violation: "未开展安全生产教育和培训", basis: "《中华人民共和国安全生产法》第九十七条" },
    { number: "苏应急罚〔2026〕2号", violation: "未按规定排查治理事故隐患，责令整改", basis: null },
  ];

  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("imports a GBK file with Chinese text under auto, saying it chose GBK, and writes nothing twice on a re-run", async () => {
    const a = await createEnterprise(t);
    const file = write("gbk-auto.csv", iconv.encode(penaltyRows(a).join("\r\n"), "gbk"));
    const first = await hub("import", "penalties", file);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toMatch(/^encoding: GBK \(detected: line 2 is the first that is not UTF-8\)$/m);
    expect(first.stdout).toContain("2 rows: 2 written, 0 already present, 0 rejected");
    expect(await penaltiesOf(a)).toEqual(expectedPenalties);
    expect(fs.existsSync(`${file}.errors.csv`)).toBe(false);

    const again = await hub("import", "penalties", file);
    expect(again.stdout).toContain("2 rows: 0 written, 2 already present, 0 rejected");
  });

  it("imports a GBK file under --encoding gbk", async () => {
    const a = await createEnterprise(t);
    const file = write("gbk-explicit.csv", iconv.encode(penaltyRows(a).join("\n"), "gbk"));
    const run = await hub("import", "penalties", "--encoding", "gbk", file);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^encoding: GBK \(--encoding gbk\)$/m);
    expect(run.stdout).toContain("2 rows: 2 written");
    expect(await penaltiesOf(a)).toEqual(expectedPenalties);
    const em = await t.agency("EMERGENCY_MANAGEMENT");
    const read = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { penalties { totalCount } } }`, { c: a }, em);
    expect(read.data?.enterprise.penalties.totalCount).toBe(2);
  });

  it("imports a UTF-8 file that starts with a byte order mark: the first header column is recognised", async () => {
    const a = await createEnterprise(t);
    const text = ["credit_code,type,occurred_on,source,detail", `${a},LITIGATION,${addDays(today(), -2)},南京市中级人民法院,（2026）苏01民初1号`].join("\r\n");
    const file = write("bom.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const run = await hub("import", "risk-signals", file);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(/^encoding: UTF-8 \(byte order mark\)$/m);
    expect(run.stdout).toContain("1 rows: 1 written, 0 already present, 0 rejected");
    const stored = await t.sql(`SELECT source, detail FROM risk_signal s JOIN enterprise e ON e.id = s.enterprise_id WHERE e.credit_code = $1`, [a]);
    expect(stored).toEqual([{ source: "南京市中级人民法院", detail: "（2026）苏01民初1号" }]);

    const explicit = await hub("import", "risk-signals", "--encoding", "utf8", file);
    expect(explicit.stdout).toContain("1 rows: 0 written, 1 already present, 0 rejected");
  });

  it("refuses a GBK file under --encoding utf8 before writing anything, naming the first bad line", async () => {
    const a = await createEnterprise(t);
    const rows = [
      PENALTY_HEADER,
      `${a},E-1,EMERGENCY_MANAGEMENT,${addDays(today(), -9)},no training,WARNING,,`, // 2, ASCII: valid in both
      `${a},E-2,EMERGENCY_MANAGEMENT,${addDays(today(), -8)},no drills,WARNING,,`, // 3
      `${a},E-3,EMERGENCY_MANAGEMENT,${addDays(today(), -7)},未排查隐患,WARNING,,`, // 4, the first GBK bytes
    ];
    const file = write("gbk-as-utf8.csv", iconv.encode(rows.join("\n"), "gbk"));
    // One row per batch: without the checking pass, lines 2 and 3 would be committed before line 4 is read.
    const run = await hub("import", "penalties", "--encoding", "utf8", "--batch", "1", file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`hub: encoding: ${file}: line 4 is not valid UTF-8 (try --encoding gbk); nothing was imported.`);
    expect(await penaltiesOf(a)).toEqual([]);
    expect(fs.existsSync(`${file}.errors.csv`)).toBe(false);
  });

  it("refuses a file with a byte that is not GBK under --encoding gbk, naming its line", async () => {
    const a = await createEnterprise(t);
    const good = (n: number) => iconv.encode(`${a},G-${n},EMERGENCY_MANAGEMENT,${addDays(today(), -n)},未开展培训,WARNING,,\r\n`, "gbk");
    const file = write("stray-ff.csv", Buffer.concat([
      iconv.encode(`${PENALTY_HEADER}\r\n`, "gbk"),
      good(2), good(3), good(4), good(5), // lines 2 to 5
      iconv.encode(`${a},G-6,EMERGENCY_MANAGEMENT,${addDays(today(), -6)},未开展`, "gbk"), Buffer.from([0xff]), iconv.encode("培训,WARNING,,\r\n", "gbk"), // line 6
      good(7),
    ]));
    const run = await hub("import", "penalties", "--encoding", "gbk", "--batch", "1", file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}: line 6 is not valid GBK (try --encoding utf8); nothing was imported.`);
    expect(await penaltiesOf(a)).toEqual([]);
  });

  it("refuses a UTF-16 file with a sentence that says how to save it", async () => {
    const file = write("utf16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${PENALTY_HEADER}\r\n`, "utf16le")]));
    const run = await hub("import", "penalties", file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/saved as UTF-16 .*; save it as UTF-8 \(CSV UTF-8 in Excel\) or GBK and import it again\. Nothing was imported\./);
  });

  it("lists each feed's columns, separators, date form and encodings in its help", async () => {
    const penalties = await hub("import", "penalties", "--help");
    expect(penalties.code).toBe(0);
    for (const column of ["credit_code", "decision_number", "department", "decided_on", "violation", "penalty_types", "legal_basis", "fine_amount", "public_until", "person_id_number"]) {
      expect(penalties.stdout).toMatch(new RegExp(`^ {2}${column} +(required|optional) {2}`, "m"));
    }
    expect(penalties.stdout).toMatch(/^ {2}penalty_types +required .*separated by \| \(e\.g\. WARNING\|FINE\)/ms);
    expect(penalties.stdout).toContain("Dates are YYYY-MM-DD");
    expect(penalties.stdout).toMatch(/--encoding <encoding> .*"auto", "utf8", "gbk"/s);
    expect(penalties.stdout).toContain("--encoding gbk: GBK");

    const all = await hub("import", "--help");
    const flat = all.stdout.replace(/\s+/g, " ");
    expect(flat).toContain("Columns: credit_code, type, occurred_on, source; optional: detail.");
    expect(flat).toContain("Columns: credit_code, licence_number, title, department, issued_on; optional: valid_until.");
    expect(flat).toContain("penalty_types (penalties) separates its values with |");
  });
});

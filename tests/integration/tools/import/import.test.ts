import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { addDays, today } from "../../../../src/shared/clock";
import { importCsv } from "../../../../src/tools/import/csv-import";
import { penaltyFeed } from "../../../../src/modules/penalty/penalty.feed";
import { riskSignalFeed } from "../../../../src/modules/risk/risk-signal.feed";
import { licenceFeed } from "../../../../src/modules/licence/licence.feed";
import { createEnterprise, setPerson } from "../../../helpers/factories";
import { newCreditCode, newIdNumber } from "../../../helpers/identifiers";
import { startTestHub, type TestHub } from "../../../helpers/test-hub";

describe("bulk imports", () => {
  let t: TestHub;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-import-"));
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("commits the good risk signals, reports the bad ones by line, and writes nothing on a second run", async () => {
    const a = await createEnterprise(t);
    const b = await createEnterprise(t);
    const d = (n: number) => addDays(today(), -n);
    const file = path.join(dir, "signals.csv");
    fs.writeFileSync(file, [
      "credit_code,type,occurred_on,source,detail",
      `${a},LITIGATION,${d(5)},法院,"（2026）苏01民初1号"`, // line 2 good
      `${a},TAX_ARREARS,${d(9)},税务,欠税`, // 3 good
      `${a},LITIGATION,${d(5)},法院,"（2026）苏01民初1号"`, // 4 duplicate of line 2
      `${a.slice(0, 17)}Z,LITIGATION,${d(5)},法院,x`, // 5 bad code
      `${b},TAX_ARREARS,2026-02-30,税务,x`, // 6 bad date
      `${b},EARTHQUAKE,${d(1)},气象,x`, // 7 unknown type
      `${newCreditCode()},LITIGATION,${d(1)},法院,x`, // 8 unknown enterprise
      `${b},WAGE_ARREARS,${d(2)},人社,"拖欠工资, 涉及 12 人"`, // 9 good, quoted comma
    ].join("\n"));
    const feed = riskSignalFeed(t.hub.services.standing);
    const first = await importCsv(t.hub.database.dataSource, file, feed, { batchSize: 2 });
    expect(first).toEqual({ rows: 8, written: 3, duplicates: 1, rejected: 4, reportPath: `${file}.errors.csv` });
    const report = fs.readFileSync(`${file}.errors.csv`, "utf8").trim().split("\n");
    expect(report[0]).toBe("line,field,message");
    expect(report.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["5,credit_code", "6,occurred_on", "7,type", "8,credit_code"]);
    const risk = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { riskAssessment { score } } }`, { c: a }, await t.agency("CREDIT_OFFICE"));
    expect(risk.data?.enterprise.riskAssessment.score).toBe(20);

    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM risk_signal`);
    const second = await importCsv(t.hub.database.dataSource, file, feed);
    expect(second).toMatchObject({ rows: 8, written: 0, duplicates: 4, rejected: 4 });
    expect((await t.sql(`SELECT count(*)::int AS n FROM risk_signal`))[0].n).toBe(n);
  });

  it("imports penalties through the same rules as recordPenalty, idempotently", async () => {
    const a = await createEnterprise(t);
    const file = path.join(dir, "penalties.csv");
    fs.writeFileSync(file, [
      "credit_code,decision_number,department,decided_on,violation,penalty_types,fine_amount,legal_basis",
      `${a},苏应急罚〔2026〕1号,EMERGENCY_MANAGEMENT,${addDays(today(), -40)},未开展安全培训,FINE,30000.00,安全生产法`,
      `${a},苏应急罚〔2026〕2号,EMERGENCY_MANAGEMENT,${addDays(today(), -4)},未排查隐患,WARNING|FINE,10000,`,
      `${a},苏应急罚〔2026〕3号,POLICE,${addDays(today(), -4)},x,WARNING,,`,
      `${a},苏应急罚〔2026〕4号,FIRE_RESCUE,${addDays(today(), -4)},x,FINE,,`,
    ].join("\n"));
    const s = t.hub.services;
    const feed = penaltyFeed({ generalMonths: 12, seriousMonths: 36 }, s.watchlist, s.standing);
    expect(await importCsv(t.hub.database.dataSource, file, feed)).toMatchObject({ rows: 4, written: 2, duplicates: 0, rejected: 2 });
    expect(fs.readFileSync(`${file}.errors.csv`, "utf8")).toMatch(/4,department,.*\n5,fine_amount,/);
    const em = await t.agency("EMERGENCY_MANAGEMENT");
    const res = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { onWatchlist creditGrade { grade } penalties { totalCount } } }`, { c: a }, em);
    expect(res.data?.enterprise).toEqual({ onWatchlist: true, creditGrade: { grade: "C" }, penalties: { totalCount: 2 } });
    expect(await importCsv(t.hub.database.dataSource, file, feed)).toMatchObject({ written: 0, duplicates: 2, rejected: 2 });
    expect((await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { watchlist { id } } }`, { c: a }, em)).data?.enterprise.watchlist).toHaveLength(1);
  });

  it("tiers imported penalties like recordPenalty: severity, the public window it sets, and a longer window refused", async () => {
    const a = await createEnterprise(t);
    const decided = "2026-01-31";
    const file = path.join(dir, "tiered-penalties.csv");
    fs.writeFileSync(file, [
      "credit_code,decision_number,department,decided_on,violation,penalty_types,fine_amount,public_until",
      `${a},T-1,EMERGENCY_MANAGEMENT,${decided},v,WARNING,,`,
      `${a},T-2,EMERGENCY_MANAGEMENT,${decided},v,FINE,2000,`,
      `${a},T-3,EMERGENCY_MANAGEMENT,${decided},v,FINE,20000,`,
      `${a},T-4,EMERGENCY_MANAGEMENT,${decided},v,FINE|REVOKE_LICENSE,20000,2027-06-30`,
      `${a},T-5,EMERGENCY_MANAGEMENT,${decided},v,FINE,20000,2027-02-01`,
    ].join("\n"));
    const s = t.hub.services;
    const feed = penaltyFeed({ generalMonths: 12, seriousMonths: 36 }, s.watchlist, s.standing);
    expect(await importCsv(t.hub.database.dataSource, file, feed)).toMatchObject({ rows: 5, written: 4, rejected: 1 });
    expect(fs.readFileSync(`${file}.errors.csv`, "utf8")).toMatch(/6,public_until,public_until \(2027-02-01\) lies after the end of this GENERAL penalty's public period \(2027-01-31\)/);
    const rows = await t.sql(
      `SELECT decision_number AS n, severity, public_until::text AS until FROM penalty pe JOIN enterprise e ON e.id = pe.enterprise_id
       WHERE e.credit_code = $1 ORDER BY decision_number`,
      [a],
    );
    expect(rows).toEqual([
      { n: "T-1", severity: "MINOR", until: "2026-01-30" },
      { n: "T-2", severity: "MINOR", until: "2026-01-30" },
      { n: "T-3", severity: "GENERAL", until: "2027-01-31" },
      { n: "T-4", severity: "SERIOUS", until: "2027-06-30" },
    ]);
  });

  it("reports a row with broken CSV syntax by line and still commits the rows after it", async () => {
    const a = await createEnterprise(t);
    const b = await createEnterprise(t);
    const d = (n: number) => addDays(today(), -n);
    const file = path.join(dir, "broken-signals.csv");
    fs.writeFileSync(file, [
      "credit_code,type,occurred_on,source,detail",
      `${a},LITIGATION,${d(3)},法院,first`, // 2 good
      `${a},TAX_ARREARS,${d(4)},税"务,x`, // 3 stray quote
      `${b},LITIGATION,${d(5)},法院`, // 4 a value short
      `${b},TAX_ARREARS,${d(6)},税务,"never closed`, // 5 opens a quote that takes in lines 6 and 7
      `${b},WAGE_ARREARS,${d(7)},人社,swallowed`, // 6
      `${b},LITIGATION,${d(8)},法院,"quoted"`, // 7 the quote here ends it, badly
      `${b},WAGE_ARREARS,${d(2)},人社,after`, // 8 good
      `${a},LITIGATION,${d(9)},法院,last`, // 9 good
    ].join("\n"));
    const feed = riskSignalFeed(t.hub.services.standing);
    const signals = async () =>
      (await t.sql(
        `SELECT e.credit_code AS code, s.detail FROM risk_signal s JOIN enterprise e ON e.id = s.enterprise_id
         WHERE e.credit_code = ANY($1) ORDER BY s.occurred_on DESC`,
        [[a, b]],
      )).map((r: any) => `${r.code === a ? "a" : "b"}:${r.detail}`);

    expect(await importCsv(t.hub.database.dataSource, file, feed, { batchSize: 2 }))
      .toEqual({ rows: 6, written: 3, duplicates: 0, rejected: 3, reportPath: `${file}.errors.csv` });
    expect(await signals()).toEqual(["b:after", "a:first", "a:last"]);
    const report = fs.readFileSync(`${file}.errors.csv`, "utf8").trim().split("\n").slice(1);
    expect(report.map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["3,source", "4,", "5,detail"]);
    expect(report[1]).toMatch(/The row has 4 values but the header names 5 columns/);
    expect(report[2]).toMatch(/on line 7;.*Lines 5 to 7 were read as this one row, so none of them was imported/);

    expect(await importCsv(t.hub.database.dataSource, file, feed)).toMatchObject({ rows: 6, written: 0, duplicates: 3, rejected: 3 });
    expect(await signals()).toEqual(["b:after", "a:first", "a:last"]);
  });

  it("refuses a penalty whose person holds or held no role at the enterprise, as recordPenalty does", async () => {
    const em = await t.agency("EMERGENCY_MANAGEMENT");
    const a = await createEnterprise(t);
    const b = await createEnterprise(t);
    const former = newIdNumber("19700101");
    const current = newIdNumber("19800101");
    const atB = newIdNumber("19900101");
    await setPerson(t, em, a, "LEGAL_REPRESENTATIVE", { idNumber: former, since: "2020-01-01" });
    await setPerson(t, em, a, "LEGAL_REPRESENTATIVE", { idNumber: current, since: "2025-01-01" }); // ends the former's term
    await setPerson(t, em, b, "SAFETY_HEAD", { idNumber: atB });
    const file = path.join(dir, "penalty-persons.csv");
    const row = (code: string, n: number, person: string) =>
      `${code},苏应急罚〔2026〕P${n}号,EMERGENCY_MANAGEMENT,${addDays(today(), -10)},未开展安全培训,WARNING,${person}`;
    fs.writeFileSync(file, [
      "credit_code,decision_number,department,decided_on,violation,penalty_types,person_id_number",
      row(a, 1, current), // 2 good
      row(a, 2, atB), // 3 a person of another enterprise
      row(b, 3, current), // 4 the same person, at an enterprise where it holds no role
      row(a, 4, newIdNumber("19600101")), // 5 unknown to the hub
      row(b, 5, atB), // 6 good
      row(a, 6, former), // 7 good: held the role before
      row(b, 7, ""), // 8 good: no person named
    ].join("\n"));
    const s = t.hub.services;
    const feed = penaltyFeed({ generalMonths: 12, seriousMonths: 36 }, s.watchlist, s.standing);
    const penalties = async () =>
      (await t.sql(
        `SELECT pe.decision_number AS n, p.id_number AS person FROM penalty pe
         JOIN enterprise e ON e.id = pe.enterprise_id LEFT JOIN person p ON p.id = pe.person_id
         WHERE e.credit_code = ANY($1) ORDER BY pe.decision_number`,
        [[a, b]],
      )).map((r: any) => `${r.n}:${r.person ?? "-"}`);

    expect(await importCsv(t.hub.database.dataSource, file, feed)).toMatchObject({ rows: 7, written: 4, duplicates: 0, rejected: 3 });
    expect(await penalties()).toEqual([`苏应急罚〔2026〕P1号:${current}`, `苏应急罚〔2026〕P5号:${atB}`, `苏应急罚〔2026〕P6号:${former}`, "苏应急罚〔2026〕P7号:-"]);
    expect(fs.readFileSync(`${file}.errors.csv`, "utf8").trim().split("\n").slice(1)).toEqual([
      "3,person_id_number,This person holds or held no responsible role at the enterprise.",
      "4,person_id_number,This person holds or held no responsible role at the enterprise.",
      "5,person_id_number,No person with this ID number is known to the hub.",
    ]);
    expect(await importCsv(t.hub.database.dataSource, file, feed)).toMatchObject({ written: 0, duplicates: 4, rejected: 3 });
    expect(await penalties()).toHaveLength(4);
  });

  it("stages and merges in batches that take turns: each bad row reported by its line, the rest written once", async () => {
    const a = await createEnterprise(t);
    const b = await createEnterprise(t);
    const d = (n: number) => addDays(today(), -n);
    const file = path.join(dir, "turns-signals.csv");
    fs.writeFileSync(file, [
      "credit_code,type,occurred_on,source,detail",
      `${a},LITIGATION,${d(3)},法院,"tab\there, back\\slash"`, // 2 good: COPY's special characters
      `${newCreditCode()},LITIGATION,${d(3)},法院,x`, // 3 unknown enterprise
      `${a},EARTHQUAKE,${d(3)},气象,x`, // 4 bad enum
      `${b},TAX_ARREARS,2026-13-01,税务,x`, // 5 bad date
      `${b},TAX_ARREARS,${d(4)},税"务,x`, // 6 malformed CSV
      `${b},WAGE_ARREARS,${d(5)},人社,"two\nlines"`, // 7 good, a line break in its value
      `${b},LITIGATION,${d(6)},法院,`, // 9 good, no detail
      `${a},LITIGATION,${d(3)},法院,"tab\there, back\\slash"`, // 10 duplicate of line 2, in another batch
    ].join("\n"));
    const feed = riskSignalFeed(t.hub.services.standing);
    const progress: number[] = [];
    const first = await importCsv(t.hub.database.dataSource, file, feed, { batchSize: 3, onProgress: (read) => progress.push(read) });
    expect(first).toEqual({ rows: 8, written: 3, duplicates: 1, rejected: 4, reportPath: `${file}.errors.csv` });
    expect(progress.at(-1)).toBe(fs.statSync(file).size);
    const report = fs.readFileSync(`${file}.errors.csv`, "utf8").trim().split("\n").slice(1);
    expect(report.map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["3,credit_code", "4,type", "5,occurred_on", "6,source"]);
    const stored = await t.sql(
      `SELECT s.detail FROM risk_signal s JOIN enterprise e ON e.id = s.enterprise_id WHERE e.credit_code = ANY($1) ORDER BY s.occurred_on DESC`,
      [[a, b]],
    );
    expect(stored.map((r: { detail: string | null }) => r.detail)).toEqual(["tab\there, back\\slash", "two\nlines", null]);
    const risk = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { riskAssessment { score } } }`, { c: b }, await t.agency("CREDIT_OFFICE"));
    expect(risk.data?.enterprise.riskAssessment.score).toBeGreaterThan(0);

    for (const batchSize of [3, undefined]) {
      expect(await importCsv(t.hub.database.dataSource, file, feed, { batchSize })).toEqual({ rows: 8, written: 0, duplicates: 4, rejected: 4, reportPath: `${file}.errors.csv` });
    }
    expect(await t.sql(`SELECT count(*)::int AS n FROM risk_signal s JOIN enterprise e ON e.id = s.enterprise_id WHERE e.credit_code = ANY($1)`, [[a, b]]))
      .toEqual([{ n: 3 }]);
  });

  it("imports licences the same way: bad rows by line, a re-run writing nothing twice", async () => {
    const a = await createEnterprise(t);
    const file = path.join(dir, "licences.csv");
    const n = `L-${Date.now()}`;
    fs.writeFileSync(file, [
      "credit_code,licence_number,title,department,issued_on,valid_until",
      `${a},${n}-1,安全生产许可证,EMERGENCY_MANAGEMENT,2025-01-10,2028-01-09`, // 2 good
      `${newCreditCode()},${n}-2,安全生产许可证,EMERGENCY_MANAGEMENT,2025-01-10,`, // 3 unknown enterprise
      `${a},${n}-3,安全生产许可证,NO_SUCH_DEPARTMENT,2025-01-10,`, // 4 bad enum
      `${a},${n}-4,安全生产许可证,EMERGENCY_MANAGEMENT,2025-02-30,`, // 5 bad date
      `${a},${n}-6,危险化学品经营许可证,EMERGENCY_MANAGEMENT,2025-03-01,`, // 6 good
      `${a},${n}-1,安全生产许可证,EMERGENCY_MANAGEMENT,2025-01-10,2028-01-09`, // 7 duplicate of line 2, in another batch
      `${a},${n}-5,"安全生产许可证,EMERGENCY_MANAGEMENT,2025-01-10,`, // 8 a quote never closed
    ].join("\n"));
    const feed = licenceFeed(5);
    expect(await importCsv(t.hub.database.dataSource, file, feed, { batchSize: 2 })).toEqual({ rows: 7, written: 2, duplicates: 1, rejected: 4, reportPath: `${file}.errors.csv` });
    const report = fs.readFileSync(`${file}.errors.csv`, "utf8").trim().split("\n").slice(1);
    expect(report.map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["3,credit_code", "4,department", "5,issued_on", "8,title"]);
    const stored = await t.sql(
      `SELECT licence_number AS n, public_until::text AS until FROM administrative_licence l JOIN enterprise e ON e.id = l.enterprise_id
       WHERE e.credit_code = $1 ORDER BY licence_number`,
      [a],
    );
    expect(stored).toEqual([{ n: `${n}-1`, until: "2030-01-10" }, { n: `${n}-6`, until: "2030-03-01" }]);
    expect(await importCsv(t.hub.database.dataSource, file, feed)).toEqual({ rows: 7, written: 0, duplicates: 3, rejected: 4, reportPath: `${file}.errors.csv` });
    expect(await t.sql(`SELECT count(*)::int AS n FROM administrative_licence l JOIN enterprise e ON e.id = l.enterprise_id WHERE e.credit_code = $1`, [a]))
      .toEqual([{ n: 2 }]);
  });
});

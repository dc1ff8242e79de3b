import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { addDays, today } from "../../../src/shared/clock";
import { importCsv } from "../../../src/modules/import/csv-import";
import { penaltyFeed } from "../../../src/modules/penalty/penalty.feed";
import { riskSignalFeed } from "../../../src/modules/risk/risk-signal.feed";
import { createEnterprise } from "../../helpers/factories";
import { newCreditCode } from "../../helpers/identifiers";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

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
    const feed = penaltyFeed(3, s.watchlist, s.standing);
    expect(await importCsv(t.hub.database.dataSource, file, feed)).toMatchObject({ rows: 4, written: 2, duplicates: 0, rejected: 2 });
    expect(fs.readFileSync(`${file}.errors.csv`, "utf8")).toMatch(/4,department,.*\n5,fine_amount,/);
    const em = await t.agency("EMERGENCY_MANAGEMENT");
    const res = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { onWatchlist creditGrade { grade } penalties { totalCount } } }`, { c: a }, em);
    expect(res.data?.enterprise).toEqual({ onWatchlist: true, creditGrade: { grade: "C" }, penalties: { totalCount: 2 } });
    expect(await importCsv(t.hub.database.dataSource, file, feed)).toMatchObject({ written: 0, duplicates: 2, rejected: 2 });
    expect((await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { watchlist { id } } }`, { c: a }, em)).data?.enterprise.watchlist).toHaveLength(1);
  });
});

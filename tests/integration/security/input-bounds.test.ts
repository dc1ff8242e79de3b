import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { importCsv } from "../../../src/tools/import/csv-import";
import { riskSignalFeed } from "../../../src/modules/risk/risk-signal.feed";
import { addDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, recordPenalty, setPerson } from "../../helpers/factories";
import { newCreditCode, newIdNumber } from "../../helpers/identifiers";
import { type GraphQLResponse, startTestHub, type TestHub } from "../../helpers/test-hub";

const REGISTER = `mutation($input: SanctionFeedbackInput!) { registerSanctionFeedback(input: $input) { replayed feedback { id } } }`;
const BATCH = `mutation($inputs: [SanctionFeedbackInput!]!) { registerSanctionFeedbackBatch(inputs: $inputs) { accepted rejected } }`;
const UPSERT = `mutation($input: EnterpriseInput!) { upsertEnterprise(input: $input) { creditCode } }`;
const SEARCH = `query($name: String) { enterprises(filter: { nameContains: $name }) { totalCount } }`;

const LONE_HIGH = "\ud800";
const LONE_LOW = "\udc00";
const NUL = "\u0000";

/** Refused before execution: HTTP 400, BAD_USER_INPUT, the argument path named, no data at all. */
function expectRefused(res: GraphQLResponse, field: string, message?: RegExp) {
  expect(res.status).toBe(400);
  expect(res.data).toBeUndefined();
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  expect(res.errors![0].message).toMatch(message ?? /Nothing was run/);
}

describe("input bounds: every String and ID is checked before SQL", () => {
  let t: TestHub;
  let em: string;
  let finance: string;
  let market: string;
  let entryId: string;
  let seq = 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bounds-"));
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    finance = await t.agency("FINANCE");
    market = await t.agency("MARKET_REGULATION");
    const code = await createEnterprise(t);
    await setPerson(t, em, code, "LEGAL_REPRESENTATIVE");
    const entries = await blacklist(t, em, code, { listedOn: addDays(today(), -20) });
    entryId = entries.find((e: { subjectType: string }) => e.subjectType === "ENTERPRISE").id;
  });
  afterAll(async () => {
    await t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const report = (clientReference: string, overrides: Record<string, unknown> = {}) => ({
    clientReference,
    blacklistEntryId: entryId,
    measure: "RESTRICT_GOVERNMENT_PROCUREMENT",
    matter: "GOVERNMENT_PROCUREMENT",
    appliedOn: addDays(today(), -1),
    outcome: "APPLIED",
    ...overrides,
  });
  const feedbackRows = async (prefix: string) =>
    (await t.sql(`SELECT count(*)::int AS n FROM sanction_feedback WHERE client_reference LIKE $1`, [`${prefix}%`]))[0].n;

  it("refuses a clientReference with a lone surrogate and stores nothing (it used to be stored as U+FFFD while the caller was told CONFLICT)", async () => {
    for (const bad of [`HW-${++seq}-${LONE_HIGH}`, `HW-${++seq}-${LONE_LOW}x`]) {
      const res = await t.gql(REGISTER, { input: report(bad) }, finance);
      expectRefused(res, "input.clientReference", /not well-formed Unicode/);
    }
    expect(await feedbackRows("HW-")).toBe(0);
  });

  it("refuses NUL in a variable's nested field as BAD_USER_INPUT (it was an internal error from PostgreSQL)", async () => {
    const res = await t.gql(REGISTER, { input: report(`NUL-${++seq}${NUL}`) }, finance);
    expectRefused(res, "input.clientReference", /NUL/);
    const why = await t.gql(REGISTER, { input: report(`NUL-${++seq}`, { outcome: "NOT_APPLIED", description: `项目${NUL}终止` }) }, finance);
    expectRefused(why, "input.description", /NUL/);
    expect(await feedbackRows("NUL-")).toBe(0);
  });

  it("refuses the whole batch when one item holds a bad string, naming the item, and writes none of it", async () => {
    const res = await t.gql(BATCH, { inputs: [report(`B-${++seq}`), report(`B-${++seq}${LONE_HIGH}`), report(`B-${++seq}`)] }, finance);
    expectRefused(res, "inputs.1.clientReference", /lone surrogate/);
    const nul = await t.gql(BATCH, { inputs: [report(`B-${++seq}`), report(`B-${++seq}`, { matterReference: `JSZC${NUL}` })] }, finance);
    expectRefused(nul, "inputs.1.matterReference");
    const long = await t.gql(BATCH, { inputs: [report(`B-${++seq}`), report("B-".padEnd(101, "x"))] }, finance);
    expectRefused(long, "inputs.1.clientReference", /101 characters; at most 100/);
    expect(await feedbackRows("B-")).toBe(0);
  });

  it("checks literals in the document as it checks variables", async () => {
    const ref = `L-${++seq}`;
    const literal = (value: string) => `mutation { registerSanctionFeedback(input: { clientReference: ${JSON.stringify(value)}, blacklistEntryId: "${entryId}",
      measure: RESTRICT_GOVERNMENT_PROCUREMENT, matter: GOVERNMENT_PROCUREMENT, appliedOn: "${addDays(today(), -1)}", outcome: APPLIED }) { replayed } }`;
    // JSON.stringify writes NUL as \u0000, which is a valid GraphQL escape.
    expectRefused(await t.gql(literal(`${ref}${NUL}`), {}, finance), "input.clientReference", /NUL/);
    expectRefused(await t.gql(literal(ref.padEnd(101, "x")), {}, finance), "input.clientReference", /at most 100/);
    // A lone surrogate cannot even be written in a GraphQL literal: the parser refuses the document (400).
    const surrogate = await t.gql(`{ enterprises(filter: { nameContains: "ab${LONE_HIGH}" }) { totalCount } }`, {}, finance);
    expect(surrogate.status).toBe(400);
    expect(surrogate.data).toBeUndefined();
    expect(await feedbackRows("L-")).toBe(0);
  });

  it("refuses a bad top-level argument, literal or variable, before the mutation runs", async () => {
    const code = await createEnterprise(t);
    const penalty = await recordPenalty(t, em, code);
    const revoke = `mutation($id: ID!, $reason: String!) { revokePenalty(id: $id, reason: $reason) { id revoked } }`;
    expectRefused(await t.gql(revoke, { id: penalty.id, reason: "x".repeat(2001) }, em), "reason", /2001 characters; at most 2000/);
    expectRefused(await t.gql(revoke, { id: penalty.id, reason: `撤销${NUL}` }, em), "reason");
    expectRefused(await t.gql(`mutation { revokePenalty(id: "${penalty.id}", reason: "\\u0000") { id } }`, {}, em), "reason");
    // IDs have a default maximum too.
    expectRefused(await t.gql(revoke, { id: "1".repeat(201), reason: "误录" }, em), "id", /at most 200/);
    const [row] = await t.sql(`SELECT revoked_at FROM penalty WHERE id = $1`, [penalty.id]);
    expect(row.revoked_at).toBeNull();
  });

  it("refuses bad fields of every input (enterprise, penalty, person) and stores nothing", async () => {
    const creditCode = newCreditCode();
    const input = { creditCode, name: "南京测试化工有限公司", regionCode: "320102", sector: "HAZARDOUS_CHEMICALS" };
    expectRefused(await t.gql(UPSERT, { input: { ...input, name: `南京${LONE_LOW}化工` } }, market), "input.name", /lone surrogate/);
    expectRefused(await t.gql(UPSERT, { input: { ...input, address: "路".repeat(301) } }, market), "input.address", /at most 300/);
    expectRefused(await t.gql(UPSERT, { input: { ...input, economicType: `有限${NUL}` } }, market), "input.economicType");
    expect(await t.sql(`SELECT 1 FROM enterprise WHERE credit_code = $1`, [creditCode])).toHaveLength(0);

    const code = await createEnterprise(t);
    const penalty = `mutation($input: PenaltyInput!) { recordPenalty(input: $input) { id } }`;
    const base = { creditCode: code, decisionNumber: `苏应急罚〔2026〕${++seq}号`, decidedOn: "2026-01-15", violation: "未培训", penaltyTypes: ["WARNING"] };
    expectRefused(await t.gql(penalty, { input: { ...base, violation: `未培训${NUL}` } }, em), "input.violation");
    expectRefused(await t.gql(penalty, { input: { ...base, decisionNumber: "罚".repeat(101) } }, em), "input.decisionNumber");
    expectRefused(await t.gql(penalty, { input: { ...base, legalBasis: `安全生产法${LONE_HIGH}` } }, em), "input.legalBasis");
    const person = `mutation($input: ResponsiblePersonInput!) { setResponsiblePerson(input: $input) { role } }`;
    expectRefused(await t.gql(person, { input: { creditCode: code, role: "LEGAL_REPRESENTATIVE", name: `张${NUL}伟`, idNumber: newIdNumber() } }, em), "input.name");
    expect((await t.sql(`SELECT count(*)::int AS n FROM penalty p JOIN enterprise e ON e.id = p.enterprise_id WHERE e.credit_code = $1`, [code]))[0].n).toBe(0);
    expectRefused(await t.gql(`query($n: String!) { person(idNumber: $n) { name } }`, { n: "3".repeat(33) }, em), "idNumber");
  });

  it("limits name search to 50 characters (51 is refused, 50 is served)", async () => {
    expectRefused(await t.gql(SEARCH, { name: "化".repeat(51) }, finance), "filter.nameContains", /51 characters; at most 50/);
    expectRefused(await t.gql(SEARCH, { name: "化".repeat(5_000) }), "filter.nameContains");
    const ok = await t.gql(SEARCH, { name: "化".repeat(50) }, finance);
    expect(ok.status).toBe(200);
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({ enterprises: { totalCount: 0 } });
    expect((await t.gql(SEARCH, { name: "测试化工" }, finance)).data?.enterprises.totalCount).toBeGreaterThan(0);
  });

  it("computes name bigrams in time linear in the input (the old helper took seconds for 20,000 characters)", async () => {
    const sample = await t.sql(`SELECT name_bigrams('南京ABc化工') AS b, name_bigrams('x') AS one`);
    expect(sample[0]).toEqual({ b: ["ab", "bc", "c化", "京a", "化工", "南京"], one: [] });
    const started = Date.now();
    const [{ n }] = await t.sql(`SELECT cardinality(name_bigrams(repeat('南京化工有限公司', 2500))) AS n`);
    expect(n).toBe(8);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("reports CSV rows with NUL or bytes that are not UTF-8 on their own and imports the others", async () => {
    const a = await createEnterprise(t);
    const d = (n: number) => addDays(today(), -n);
    const file = path.join(dir, "signals.csv");
    const gbk = Buffer.from([0xb7, 0xa8, 0xd4, 0xba]); // 法院 in GBK: not UTF-8
    fs.writeFileSync(file, Buffer.concat([
      Buffer.from(`credit_code,type,occurred_on,source,detail\n${a},LITIGATION,${d(5)},法院,good\n${a},TAX_ARREARS,${d(6)},税务,x${NUL}y\n${a},WAGE_ARREARS,${d(7)},`),
      gbk,
      Buffer.from(`,z\n${a},LITIGATION,${d(8)},法院,also good\n`),
    ]));
    const result = await importCsv(t.hub.database.dataSource, file, riskSignalFeed(t.hub.services.standing));
    expect(result).toMatchObject({ rows: 4, written: 2, rejected: 2 });
    const lines = fs.readFileSync(`${file}.errors.csv`, "utf8").trim().split("\n").slice(1);
    expect(lines.map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["3,detail", "4,source"]);
    expect(lines[0]).toMatch(/NUL/);
    expect(lines[1]).toMatch(/not UTF-8/);
    const stored = await t.sql(`SELECT s.detail FROM risk_signal s JOIN enterprise e ON e.id = s.enterprise_id WHERE e.credit_code = $1 ORDER BY s.occurred_on DESC`, [a]);
    expect(stored.map((r: { detail: string }) => r.detail)).toEqual(["good", "also good"]);
  });
});

import fs from "node:fs";
import path from "node:path";
import { statementCounter } from "../../../src/db/statement-counter";
import { addDays, addYears, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, recordPenalty, setPerson } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

// The benchmark's profile: every part the enterprise query fetches ahead in its one statement.
const PROFILE = fs.readFileSync(path.join(__dirname, "../../bench/operations/profile.graphql"), "utf8");
// The benchmark's profile and the enterprise's commitments, accidents (two spans) and repairs:
// every Enterprise field that can come with the enterprise, nothing that needs a loader of its own.
const END = PROFILE.lastIndexOf("}", PROFILE.lastIndexOf("}") - 1);
const FULL_PROFILE = `${PROFILE.slice(0, END)}  commitments { id kind content committedOn acceptedBy status breach { verifiedOn department description } }
    accidents { id occurredOn level deaths injuries directLoss description }
    older: accidents(sinceYears: 10) { occurredOn }
    repairs { id actions statement submittedAt status decidedBy decidedAt decisionReason }
  ${PROFILE.slice(END)}`;
// The same selection reached through Query.enterprises: no fetching ahead, the per-field loaders.
const fieldsOf = (profile: string) => profile.slice(profile.indexOf("{", profile.indexOf("enterprise(")) + 1, profile.lastIndexOf("}", profile.lastIndexOf("}") - 1));
const THROUGH_LOADERS = `query($name: String!) { enterprises(first: 1, filter: { nameContains: $name }) { edges { node { ${fieldsOf(FULL_PROFILE)} } } } }`;
const NAME = `盐城一次读取测试化工有限公司${process.pid}`;

describe("Query.enterprise in one statement", () => {
  let t: TestHub;
  let em: string;
  let code: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    code = await createEnterprise(t, { name: NAME });
    await setPerson(t, em, code, "LEGAL_REPRESENTATIVE");
    await setPerson(t, em, code, "SAFETY_HEAD");
    await setPerson(t, em, code, "SAFETY_HEAD"); // the first safety head becomes a former holder
    const recent = (days: number) => addDays(today(), -days);
    for (const days of [10, 40, 400]) await recordPenalty(t, em, code, { decidedOn: recent(days) });
    const revoked = await recordPenalty(t, em, code, { decidedOn: recent(20) });
    await t.gql(`mutation($id: ID!) { revokePenalty(id: $id, reason: "复议撤销") { id } }`, { id: revoked.id }, em);
    const [entry] = await blacklist(t, em, code);
    // Accidents: two within the default five years (one without a loss), one only within ten.
    const accident = { creditCode: code, level: "ORDINARY", deaths: 0, injuries: 1, description: "机械伤害" };
    for (const input of [
      { ...accident, occurredOn: recent(30), directLoss: "12345.60" },
      { ...accident, occurredOn: recent(400), injuries: 2, description: "物体打击" },
      { ...accident, occurredOn: addYears(today(), -6) },
    ]) await t.gql(`mutation($input: AccidentInput!) { recordAccident(input: $input) { id } }`, { input }, em);
    // Commitments: an active one and a breached one.
    const commit = `mutation($input: CommitmentInput!) { recordCommitment(input: $input) { id } }`;
    const kept = { creditCode: code, kind: "MARKET_ACCESS", content: "承诺依法依规生产经营", committedOn: recent(50) };
    await t.gql(commit, { input: kept }, em);
    const broken = await t.gql<any>(commit, { input: { ...kept, kind: "QUALIFICATION", content: "承诺资质真实", committedOn: recent(100) } }, em);
    await t.gql(`mutation($input: CommitmentBreachInput!) { recordCommitmentBreach(input: $input) { id } }`,
      { input: { commitmentId: broken.data.recordCommitment.id, verifiedOn: recent(5), description: "资质材料不实" } }, em);
    // Repairs of the blacklist entry (a year on the list is not waited for here): one rejected, one pending.
    await t.sql(
      `INSERT INTO credit_repair (enterprise_id, blacklist_entry_id, actions, statement, submitted_at, status, decided_by, decided_at, decision_reason)
       SELECT e.id, $2, r.actions, r.statement, r.submitted_at, r.status, r.decided_by, r.decided_at, r.reason
       FROM enterprise e, (VALUES
         ('{PUBLIC_COMMITMENT}'::text[], '第一次修复申请', timestamptz '2026-01-10 08:30:15.123456+08', 'REJECTED', 'EMERGENCY_MANAGEMENT', timestamptz '2026-01-20 16:00:00.5+08', '材料不全'),
         ('{PUBLIC_COMMITMENT,REPAIR_TRAINING}', '第二次修复申请', timestamptz '2026-02-01 09:00:00+08', 'SUBMITTED', NULL, NULL, NULL)
       ) AS r(actions, statement, submitted_at, status, decided_by, decided_at, reason)
       WHERE e.credit_code = $1`,
      [code, entry.id],
    );
  });
  afterAll(() => t.stop());

  async function statementsFor(query: string, variables: Record<string, unknown>, token?: string) {
    await t.hub.flushAccessLog();
    const before = statementCounter.value;
    const res = await t.gql<any>(query, variables, token);
    return { res, statements: statementCounter.value - before };
  }

  it("reads the whole profile in one statement once the instance knows the key (one more the first time: the key's lookup)", async () => {
    const fresh = await t.agency("EMERGENCY_MANAGEMENT");
    const first = await statementsFor(PROFILE, { creditCode: code }, fresh);
    expect(first.statements).toBe(2);
    const { res, statements } = await statementsFor(PROFILE, { creditCode: code }, fresh);
    expect(res.errors).toBeUndefined();
    expect(res.data!.enterprise.penalties.totalCount).toBe(4);
    expect(res.data!.enterprise.watchlist).toHaveLength(1);
    expect(statements).toBe(1);
    expect(res).toEqual(first.res);
  });

  it("reads the profile with commitments, accidents and repairs in one statement", async () => {
    const { res, statements } = await statementsFor(FULL_PROFILE, { creditCode: code }, em);
    expect(res.errors).toBeUndefined();
    const e = res.data!.enterprise;
    expect(e.penalties.totalCount).toBe(4);
    expect(e.commitments).toEqual([
      { id: expect.any(String), kind: "MARKET_ACCESS", content: "承诺依法依规生产经营", committedOn: addDays(today(), -50), acceptedBy: "EMERGENCY_MANAGEMENT", status: "ACTIVE", breach: null },
      {
        id: expect.any(String), kind: "QUALIFICATION", content: "承诺资质真实", committedOn: addDays(today(), -100), acceptedBy: "EMERGENCY_MANAGEMENT",
        status: "BREACHED", breach: { verifiedOn: addDays(today(), -5), department: "EMERGENCY_MANAGEMENT", description: "资质材料不实" },
      },
    ]);
    expect(e.accidents).toEqual([
      { id: expect.any(String), occurredOn: addDays(today(), -30), level: "ORDINARY", deaths: 0, injuries: 1, directLoss: "12345.60", description: "机械伤害" },
      { id: expect.any(String), occurredOn: addDays(today(), -400), level: "ORDINARY", deaths: 0, injuries: 2, directLoss: null, description: "物体打击" },
    ]);
    expect(e.older).toEqual([addDays(today(), -30), addDays(today(), -400), addYears(today(), -6)].map((occurredOn) => ({ occurredOn })));
    expect(e.repairs).toEqual([
      {
        id: expect.any(String), actions: ["PUBLIC_COMMITMENT", "REPAIR_TRAINING"], statement: "第二次修复申请", submittedAt: "2026-02-01T09:00:00+08:00",
        status: "SUBMITTED", decidedBy: null, decidedAt: null, decisionReason: null,
      },
      {
        id: expect.any(String), actions: ["PUBLIC_COMMITMENT"], statement: "第一次修复申请", submittedAt: "2026-01-10T08:30:15+08:00",
        status: "REJECTED", decidedBy: "EMERGENCY_MANAGEMENT", decidedAt: "2026-01-20T16:00:00+08:00", decisionReason: "材料不全",
      },
    ]);
    expect(statements).toBe(1);
  });

  it("leaves accidents with a refused span to their resolver", async () => {
    const { res } = await statementsFor(FULL_PROFILE.replace("accidents(sinceYears: 10)", "accidents(sinceYears: 99)"), { creditCode: code }, em);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ["enterprise", "older"], extensions: { code: "BAD_USER_INPUT", field: "sinceYears" } });
    expect(res.data!.enterprise.accidents).toHaveLength(2);
    expect(res.data!.enterprise.older).toBeNull();
  });

  it.each([
    ["an ID department", "EMERGENCY_MANAGEMENT"],
    ["a department without risk or ID rights", "TRANSPORT"],
    ["the public", null],
  ] as const)("returns what the per-field loaders return, for %s", async (_label, department) => {
    const token = department ? await t.agency(department) : undefined;
    const ahead = await t.gql<any>(FULL_PROFILE, { creditCode: code }, token);
    const alone = await t.gql<any>(THROUGH_LOADERS, { name: NAME }, token);
    expect(alone.errors?.filter((e: any) => e.extensions.code !== "FORBIDDEN")).toEqual(ahead.errors?.filter((e: any) => e.extensions.code !== "FORBIDDEN"));
    expect(alone.data.enterprises.edges).toHaveLength(1);
    expect(ahead.data.enterprise).toEqual(alone.data.enterprises.edges[0].node);
    const deniedFields = (res: any) => (res.errors ?? []).map((e: any) => `${e.extensions.code} ${e.path[e.path.length - 1]}`).sort();
    expect(deniedFields(ahead)).toEqual(deniedFields(alone));
    if (!department) {
      // The public's row filters hold on the one-statement path too.
      expect(ahead.data.enterprise.responsiblePersons.map((r: any) => r.role)).toEqual(["LEGAL_REPRESENTATIVE"]);
      expect(ahead.data.enterprise.penalties.edges.some((e: any) => e.node.revoked)).toBe(false);
    } else {
      expect(ahead.data.enterprise.responsiblePersons.map((r: any) => r.role)).toEqual(["LEGAL_REPRESENTATIVE", "SAFETY_HEAD"]);
    }
  });
});

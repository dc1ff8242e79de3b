import { addYears, today } from "../../../src/shared/clock";
import { createEnterprise, recordPenalty } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const COMMIT = `mutation($input: CommitmentInput!) { recordCommitment(input: $input) { id acceptedBy status } }`;
const BREACH = `mutation($input: CommitmentBreachInput!) { recordCommitmentBreach(input: $input) { status breach { department verifiedOn penalty { decisionNumber } } } }`;
const ACCIDENT = `mutation($input: AccidentInput!) { recordAccident(input: $input) { id level } }`;

describe("commitments and accidents", () => {
  let t: TestHub;
  let em: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
  });
  afterAll(() => t.stop());

  it("records a commitment for the accepting department; only it verifies the breach; the public sees no breach", async () => {
    const code = await createEnterprise(t);
    const mr = await t.agency("MARKET_REGULATION");
    const c = await t.gql(COMMIT, { input: { creditCode: code, kind: "MARKET_ACCESS", content: "承诺依法依规生产经营", committedOn: "2026-01-05" } }, mr);
    expect(c.data?.recordCommitment).toMatchObject({ acceptedBy: "MARKET_REGULATION", status: "ACTIVE" });
    const penalty = await recordPenalty(t, mr, code);
    const input = { commitmentId: c.data?.recordCommitment.id, verifiedOn: today(), description: "未履行承诺", penaltyId: penalty.id };
    expect((await t.gql(BREACH, { input }, em)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const breach = await t.gql(BREACH, { input }, mr);
    expect(breach.data?.recordCommitmentBreach).toEqual({
      status: "BREACHED", breach: { department: "MARKET_REGULATION", verifiedOn: today(), penalty: { decisionNumber: expect.any(String) } },
    });
    const pub = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { commitments { kind status breach { description } } } }`, { c: code });
    expect(pub.data?.enterprise.commitments).toEqual([{ kind: "MARKET_ACCESS", status: "BREACHED", breach: null }]);
    expect(pub.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("records accidents by EMERGENCY_MANAGEMENT only and shows the last five years by default", async () => {
    const code = await createEnterprise(t);
    const base = { creditCode: code, deaths: 0, injuries: 2, description: "起重伤害" };
    expect((await t.gql(ACCIDENT, { input: { ...base, occurredOn: today(), level: "ORDINARY" } }, await t.agency("FINANCE"))).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    await t.gql(ACCIDENT, { input: { ...base, occurredOn: addYears(today(), -1), level: "LARGER", deaths: 3 } }, em);
    await t.gql(ACCIDENT, { input: { ...base, occurredOn: addYears(today(), -6), level: "ORDINARY" } }, em);
    const res = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { recent: accidents { level deaths } all: accidents(sinceYears: 10) { level } } }`, { c: code }, em);
    expect(res.data?.enterprise.recent).toEqual([{ level: "LARGER", deaths: 3 }]);
    expect(res.data?.enterprise.all).toHaveLength(2);
    const bad = await t.gql(ACCIDENT, { input: { ...base, occurredOn: today(), level: "ORDINARY", deaths: -1 } }, em);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "deaths" });
  });
});

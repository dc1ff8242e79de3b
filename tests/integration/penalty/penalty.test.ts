import { createEnterprise, recordPenalty, RECORD_PENALTY, setPerson } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const REVOKE = `mutation($id: ID!, $reason: String!) { revokePenalty(id: $id, reason: $reason) { id revoked } }`;
const PENALTIES = `query($c: CreditCode!, $first: Int, $after: String) { enterprise(creditCode: $c) {
  penalties(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { decisionNumber department decidedOn publicUntil isPublic revoked fineAmount penaltyTypes agency { name } person { name } } } } } }`;

describe("administrative penalties", () => {
  let t: TestHub;
  let em: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
  });
  afterAll(() => t.stop());

  it("records a penalty for the writer's department, public for its severity's period (GENERAL: 12 months)", async () => {
    const code = await createEnterprise(t);
    const { input } = await setPerson(t, em, code, "SAFETY_HEAD", { name: "林军" });
    await recordPenalty(t, em, code, { decidedOn: "2024-02-29", personIdNumber: input.idNumber, fineAmount: "12345.60" });
    const res = await t.gql(PENALTIES, { c: code }, em);
    expect(res.data?.enterprise.penalties.edges[0].node).toEqual(expect.objectContaining({
      department: "EMERGENCY_MANAGEMENT",
      decidedOn: "2024-02-29",
      publicUntil: "2025-02-28",
      revoked: false,
      fineAmount: "12345.60",
      agency: { name: "Test EMERGENCY_MANAGEMENT" },
      person: { name: "林军" },
    }));
  });

  it("pages penalties newest first", async () => {
    const code = await createEnterprise(t);
    for (const d of ["2023-05-01", "2025-01-02", "2024-07-03"]) await recordPenalty(t, em, code, { decidedOn: d });
    const page1 = await t.gql(PENALTIES, { c: code, first: 2 }, em);
    const p = page1.data?.enterprise.penalties;
    expect(p.totalCount).toBe(3);
    expect(p.edges.map((e: any) => e.node.decidedOn)).toEqual(["2025-01-02", "2024-07-03"]);
    const page2 = await t.gql(PENALTIES, { c: code, first: 2, after: p.pageInfo.endCursor }, em);
    expect(page2.data?.enterprise.penalties.edges.map((e: any) => e.node.decidedOn)).toEqual(["2023-05-01"]);
    expect(page2.data?.enterprise.penalties.pageInfo.hasNextPage).toBe(false);
  });

  it("revokes a penalty: it stays on record as revoked, and cannot be revoked twice", async () => {
    const code = await createEnterprise(t);
    const { id } = await recordPenalty(t, em, code);
    const res = await t.gql(REVOKE, { id, reason: "行政复议撤销" }, em);
    expect(res.data?.revokePenalty).toEqual({ id, revoked: true });
    const again = await t.gql(REVOKE, { id, reason: "again" }, em);
    expect(again.errors?.[0].extensions?.code).toBe("CONFLICT");
    const [row] = await t.sql(`SELECT revoked_reason FROM penalty WHERE id = $1`, [id]);
    expect(row.revoked_reason).toBe("行政复议撤销");
  });

  it("lets only the recording department revoke", async () => {
    const code = await createEnterprise(t);
    const { id } = await recordPenalty(t, em, code);
    const fire = await t.agency("FIRE_RESCUE");
    const res = await t.gql(REVOKE, { id, reason: "not mine" }, fire);
    expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const [row] = await t.sql(`SELECT revoked_at FROM penalty WHERE id = $1`, [id]);
    expect(row.revoked_at).toBeNull();
  });

  it("refuses a duplicate decision number, a fine without amount and a future date", async () => {
    const code = await createEnterprise(t);
    const { decisionNumber } = await recordPenalty(t, em, code) as any;
    const base = { creditCode: code, decisionNumber, decidedOn: "2025-01-01", violation: "v", penaltyTypes: ["WARNING"] };
    const dup = await t.gql(RECORD_PENALTY, { input: base }, em);
    expect(dup.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "decisionNumber" });
    const noAmount = await t.gql(RECORD_PENALTY, { input: { ...base, decisionNumber: "X-1", penaltyTypes: ["FINE"] } }, em);
    expect(noAmount.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "fineAmount" });
    const future = await t.gql(RECORD_PENALTY, { input: { ...base, decisionNumber: "X-2", decidedOn: "2999-01-01" } }, em);
    expect(future.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "decidedOn" });
    const badDate = await t.gql(RECORD_PENALTY, { input: { ...base, decisionNumber: "X-3", decidedOn: "2025-02-30" } }, em);
    expect(badDate.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.decidedOn" });
    expect(await t.sql(`SELECT 1 FROM penalty WHERE decision_number LIKE 'X-%'`)).toHaveLength(0);
  });
});

import { addDays, addMonths, setClockOffsetDays, today } from "../../../src/shared/clock";
import { createEnterprise, recordPenalty, RECORD_PENALTY } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const PENALTIES = `query($c: CreditCode!) { enterprise(creditCode: $c) {
  penalties(first: 20) { totalCount edges { node { decisionNumber severity publicUntil isPublic } } } } }`;

/** Tiered publication: a penalty's severity decides whether and how long the public sees it. */
describe("penalty severity and tiered publication", () => {
  let t: TestHub;
  let em: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
  });
  afterEach(() => setClockOffsetDays(0));
  afterAll(() => t.stop());

  const record = (code: string, input: Record<string, unknown>) => t.gql(RECORD_PENALTY, { input: { creditCode: code, decisionNumber: `P-${Math.random()}`, violation: "v", ...input } }, em);
  const nodes = async (code: string, token: string | null) =>
    (await t.gql<{ enterprise: { penalties: { totalCount: number; edges: { node: Record<string, unknown> }[] } } }>(PENALTIES, { c: code }, token ?? undefined))
      .data!.enterprise.penalties;

  it("computes the severity from the types, the fine and the recording department's finding", async () => {
    const code = await createEnterprise(t);
    const decidedOn = addDays(today(), -10);
    const cases: [Record<string, unknown>, string][] = [
      [{ penaltyTypes: ["WARNING"] }, "MINOR"],
      [{ penaltyTypes: ["FINE"], fineAmount: "3000.00" }, "MINOR"],
      [{ penaltyTypes: ["FINE"], fineAmount: "3000.01" }, "GENERAL"],
      [{ penaltyTypes: ["WARNING", "FINE"], fineAmount: "500.00" }, "GENERAL"],
      [{ penaltyTypes: ["FINE", "REVOKE_LICENSE"], fineAmount: "500.00" }, "SERIOUS"],
      [{ penaltyTypes: ["DETENTION"] }, "SERIOUS"],
      [{ penaltyTypes: ["WARNING"], serious: true }, "SERIOUS"],
    ];
    for (const [input, severity] of cases) {
      const res = await t.gql(`mutation($input: PenaltyInput!) { recordPenalty(input: $input) { severity publicUntil isPublic } }`, {
        input: { creditCode: code, decisionNumber: `S-${severity}-${Math.random()}`, violation: "v", decidedOn, ...input },
      }, em);
      expect(res.errors).toBeUndefined();
      const expectedEnd = severity === "MINOR" ? addDays(decidedOn, -1) : addMonths(decidedOn, severity === "SERIOUS" ? 36 : 12);
      expect([input, res.data?.recordPenalty]).toEqual([input, { severity, publicUntil: expectedEnd, isPublic: severity !== "MINOR" }]);
    }
  });

  it("shows a GENERAL penalty to the public until day 365 after its decision and not on day 366; departments see it throughout", async () => {
    const code = await createEnterprise(t);
    const decidedOn = "2025-03-01";
    await recordPenalty(t, em, code, { decidedOn, penaltyTypes: ["FINE"], fineAmount: "20000.00" });
    const lastDay = addMonths(decidedOn, 12);
    expect(lastDay).toBe("2026-03-01");
    const daysTo = (date: string) => Math.round((Date.parse(date) - Date.parse(today())) / 86_400_000);

    setClockOffsetDays(daysTo(lastDay));
    expect(today()).toBe(lastDay);
    expect((await nodes(code, null)).totalCount).toBe(1);

    setClockOffsetDays(daysTo(lastDay) + 1);
    const publicView = await nodes(code, null);
    expect(publicView).toEqual({ totalCount: 0, edges: [] });
    const departmentView = await nodes(code, em);
    expect(departmentView.totalCount).toBe(1);
    expect(departmentView.edges[0].node).toMatchObject({ severity: "GENERAL", publicUntil: lastDay, isPublic: false });
  });

  it("never shows a MINOR penalty to the public", async () => {
    const code = await createEnterprise(t);
    await recordPenalty(t, em, code, { decidedOn: today(), penaltyTypes: ["WARNING"], fineAmount: null });
    expect((await nodes(code, null)).totalCount).toBe(0);
    expect((await nodes(code, em)).edges[0].node).toMatchObject({ severity: "MINOR", isPublic: false });
  });

  it("takes a shorter public period, refuses a longer one and any for a MINOR penalty, and writes nothing then", async () => {
    const code = await createEnterprise(t);
    const decidedOn = "2026-01-10";
    const shorter = await record(code, { decidedOn, penaltyTypes: ["FINE"], fineAmount: "9000.00", publicUntil: "2026-06-30" });
    expect(shorter.errors).toBeUndefined();

    const longer = await record(code, { decidedOn, penaltyTypes: ["FINE"], fineAmount: "9000.00", publicUntil: "2027-01-11" });
    expect(longer.errors?.[0]).toMatchObject({
      message: "publicUntil (2027-01-11) lies after the end of this GENERAL penalty's public period (2027-01-10); it may only be shortened.",
      extensions: { code: "BAD_USER_INPUT", field: "publicUntil" },
    });
    const serious = await record(code, { decidedOn, penaltyTypes: ["FINE"], fineAmount: "9000.00", serious: true, publicUntil: "2029-01-10" });
    expect(serious.errors).toBeUndefined();

    const minor = await record(code, { decidedOn, penaltyTypes: ["WARNING"], publicUntil: "2026-02-01" });
    expect(minor.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "publicUntil" } });
    expect(minor.errors?.[0].message).toBe("A MINOR penalty is never published: leave publicUntil out.");

    const stored = await nodes(code, em);
    expect(stored.edges.map((e) => [e.node.severity, e.node.publicUntil]).sort()).toEqual([["GENERAL", "2026-06-30"], ["SERIOUS", "2029-01-10"]]);
  });
});

import { addDays, setClockOffsetDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, setPerson } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const SUBMIT = `mutation($input: CreditRepairInput!) { submitCreditRepair(input: $input) { id status } }`;
const DECIDE = `mutation($id: ID!, $approve: Boolean!) { decideCreditRepair(id: $id, approve: $approve, reason: "修复材料齐全") {
  status decidedBy blacklistEntry { status } watchlistEntry { status } } }`;

describe("credit repair (信用修复)", () => {
  let t: TestHub;
  let em: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
  });
  afterEach(() => setClockOffsetDays(0));
  afterAll(() => t.stop());

  async function listed() {
    const code = await createEnterprise(t);
    await setPerson(t, em, code, "LEGAL_REPRESENTATIVE");
    const entries = await blacklist(t, em, code);
    return { code, entry: entries.find((e: any) => e.subjectType === "ENTERPRISE") };
  }
  const input = (code: string, entryId: string) => ({
    creditCode: code, blacklistEntryId: entryId, actions: ["PUBLIC_COMMITMENT", "REPAIR_TRAINING"], statement: "已完成整改并参加信用修复培训",
  });

  it("refuses a blacklist repair before 365 days with a clear error, and approves it after", async () => {
    const { code, entry } = await listed();
    const early = await t.gql(SUBMIT, { input: input(code, entry.id) }, em);
    expect(early.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "blacklistEntryId" });
    expect(early.errors?.[0].message).toContain(`from ${addDays(today(), 365)}`);
    expect(await t.sql(`SELECT 1 FROM credit_repair WHERE blacklist_entry_id = $1`, [entry.id])).toHaveLength(0);

    setClockOffsetDays(365);
    const submitted = await t.gql(SUBMIT, { input: input(code, entry.id) }, em);
    expect(submitted.data?.submitCreditRepair.status).toBe("SUBMITTED");
    const transport = await t.agency("TRANSPORT");
    const denied = await t.gql(DECIDE, { id: submitted.data?.submitCreditRepair.id, approve: true }, transport);
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const approved = await t.gql(DECIDE, { id: submitted.data?.submitCreditRepair.id, approve: true }, em);
    expect(approved.data?.decideCreditRepair).toEqual({ status: "APPROVED", decidedBy: "EMERGENCY_MANAGEMENT", blacklistEntry: { status: "REPAIRED" }, watchlistEntry: null });
    const profile = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { onBlacklist measuresInForce blacklist { status } repairs { status } } }`, { c: code }, em);
    expect(profile.data?.enterprise).toEqual({
      onBlacklist: false, measuresInForce: [], blacklist: [{ status: "REPAIRED" }, { status: "REPAIRED" }], repairs: [{ status: "APPROVED" }],
    });
    const [{ open }] = await t.sql(`SELECT count(*) FILTER (WHERE state = 'OPEN')::int AS open FROM sanction_task WHERE blacklist_entry_id = $1`, [entry.id]);
    expect(open).toBe(0);
    // REPAIR_DECIDED: to the submitting and deciding department and OVERSIGHT, not to TRANSPORT.
    const heard = async (token: string) =>
      (await t.gql<any>(`{ events(kinds: [REPAIR_DECIDED]) { edges { node { summary enterprise { creditCode } } } } }`, {}, token)).data!.events.edges
        .filter((e: any) => e.node.enterprise?.creditCode === code).map((e: any) => e.node.summary);
    expect(await heard(em)).toEqual([expect.stringContaining("approved by EMERGENCY_MANAGEMENT")]);
    expect(await heard(await t.agency("CREDIT_OFFICE"))).toHaveLength(1);
    expect(await heard(transport)).toEqual([]);
  });

  it("keeps everything as it was when the repair is rejected", async () => {
    const { code, entry } = await listed();
    setClockOffsetDays(400);
    const submitted = await t.gql(SUBMIT, { input: input(code, entry.id) }, em);
    const credit = await t.agency("CREDIT_OFFICE");
    const rejected = await t.gql(DECIDE, { id: submitted.data?.submitCreditRepair.id, approve: false }, credit);
    expect(rejected.data?.decideCreditRepair).toMatchObject({ status: "REJECTED", decidedBy: "CREDIT_OFFICE", blacklistEntry: { status: "ACTIVE" } });
    const again = await t.gql(DECIDE, { id: submitted.data?.submitCreditRepair.id, approve: true }, credit);
    expect(again.errors?.[0].extensions?.code).toBe("CONFLICT");
  });

  it("removes a watchlist entry when its repair is approved by OVERSIGHT", async () => {
    const code = await createEnterprise(t);
    const listing = await t.gql(`mutation($input: WatchlistInput!) { addToWatchlist(input: $input) { id } }`, { input: { creditCode: code, reason: "隐患" } }, em);
    const submitted = await t.gql(SUBMIT, { input: { creditCode: code, watchlistEntryId: listing.data?.addToWatchlist.id, actions: ["CREDIT_REPORT"], statement: "整改报告" } }, await t.agency("FINANCE"));
    const approved = await t.gql(DECIDE, { id: submitted.data?.submitCreditRepair.id, approve: true }, em);
    expect(approved.data?.decideCreditRepair).toMatchObject({ status: "APPROVED", watchlistEntry: { status: "REMOVED" } });
  });

  it("needs at least one action and exactly one entry", async () => {
    const { code, entry } = await listed();
    const noAction = await t.gql(SUBMIT, { input: { ...input(code, entry.id), actions: [] } }, em);
    expect(noAction.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "actions" });
    const noEntry = await t.gql(SUBMIT, { input: { creditCode: code, actions: ["CREDIT_REPORT"], statement: "s" } }, em);
    expect(noEntry.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "blacklistEntryId" });
  });
});

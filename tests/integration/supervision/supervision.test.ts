import { setClockOffsetDays, today } from "../../../src/shared/clock";
import { runHubCli } from "../../helpers/cli";
import { createEnterprise, expectData, recordPenalty } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const WATCH = `mutation($input: WatchlistInput!) { addToWatchlist(input: $input) { id warningIssuedOn warnings { id kind department doneOn acknowledgedAt } } }`;
const ACTIONS = `query($c: CreditCode!) { enterprise(creditCode: $c) { supervisionActions { id kind department regionCode doneOn outcome acknowledgedAt watchlistEntry { id } } } }`;
const RECORD = `mutation($input: SupervisionActionInput!) { recordSupervisionAction(input: $input) { id kind department doneOn outcome } }`;
const ACK = `mutation($id: ID!) { acknowledgeWarning(id: $id) { id acknowledgedAt } }`;
const CANDIDATES = `query($region: String) { escalationCandidates(regionCode: $region) { totalCount edges { node { id enterprise { creditCode } } } } }`;
const DESIGNATE = `mutation($c: CreditCode!, $until: Date) { designateKeySupervisionTarget(creditCode: $c, reason: "两年内发生两起较大事故", until: $until) { id designatedBy since until active } }`;
const END = `mutation($id: ID!) { endKeySupervisionTarget(id: $id, reason: "整改验收合格") { id active } }`;
const TARGETS = `query($region: String, $sector: IndustrySector) { keySupervisionTargets(regionCode: $region, sector: $sector) { totalCount edges { node { id enterprise { creditCode } } } } }`;
const EVENTS = `query($kinds: [HubEventKind!]) { events(kinds: $kinds) { edges { node { kind enterprise { creditCode } } } } }`;

/** Supervision before the blacklist (issue 17): warnings, verification, recorded actions, escalation candidates, key supervision. */
describe("supervision before the blacklist", () => {
  let t: TestHub;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestHub();
    for (const d of ["EMERGENCY_MANAGEMENT", "CREDIT_OFFICE", "FINANCE"] as const) tokens[d] = await t.agency(d);
    tokens.INDUSTRY_IT_NANJING = await t.agency("INDUSTRY_IT", { region: "320100" });
    tokens.INDUSTRY_IT_SUZHOU = await t.agency("INDUSTRY_IT", { region: "320500" });
    tokens.EMERGENCY_MANAGEMENT_SUZHOU = await t.agency("EMERGENCY_MANAGEMENT", { region: "320500" });
  });
  afterEach(() => setClockOffsetDays(0));
  afterAll(() => t.stop());

  const heard = async (token: string, kind: string, code: string) =>
    expectData(await t.gql<any>(EVENTS, { kinds: [kind] }, token)).events.edges.filter((e: any) => e.node.enterprise?.creditCode === code).length;
  const actions = async (code: string, token: string) => expectData(await t.gql<any>(ACTIONS, { c: code }, token)).enterprise.supervisionActions;

  it("opens a new watchlist entry with its warning and one verification request per supervising department in the city, announced to each", async () => {
    const code = await createEnterprise(t, { regionCode: "320102", sector: "HAZARDOUS_CHEMICALS" });
    const entry = expectData(await t.gql<any>(WATCH, { input: { creditCode: code, reason: "隐患整改不到位" } }, tokens.EMERGENCY_MANAGEMENT)).addToWatchlist;
    expect(entry.warnings).toEqual([{ id: expect.any(String), kind: "WARNING_NOTICE", department: "EMERGENCY_MANAGEMENT", doneOn: today(), acknowledgedAt: null }]);
    expect(entry.warningIssuedOn).toBe(today());
    const all = await actions(code, tokens.CREDIT_OFFICE);
    const requests = all.filter((a: any) => a.kind === "VERIFICATION");
    // HAZARDOUS_CHEMICALS: EMERGENCY_MANAGEMENT, INDUSTRY_IT and ECOLOGY_ENVIRONMENT, in Nanjing (320100), open.
    expect(requests.map((a: any) => [a.department, a.regionCode, a.doneOn, a.watchlistEntry.id]).sort()).toEqual(
      ["ECOLOGY_ENVIRONMENT", "EMERGENCY_MANAGEMENT", "INDUSTRY_IT"].map((d) => [d, "320100", null, entry.id]),
    );
    expect(await heard(tokens.INDUSTRY_IT_NANJING, "WATCHLIST_VERIFICATION_REQUESTED", code)).toBe(1);
    expect(await heard(tokens.INDUSTRY_IT_SUZHOU, "WATCHLIST_VERIFICATION_REQUESTED", code)).toBe(0);
    expect(await heard(tokens.FINANCE, "WATCHLIST_VERIFICATION_REQUESTED", code)).toBe(0);

    // The department completes its own request in its city; another city's agency may not act on it.
    const outside = await t.gql(RECORD, { input: { creditCode: code, kind: "VERIFICATION", watchlistEntryId: entry.id, outcome: "已核查" } }, tokens.INDUSTRY_IT_SUZHOU);
    expect(outside.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const done = expectData(await t.gql<any>(RECORD, { input: { creditCode: code, kind: "VERIFICATION", watchlistEntryId: entry.id, outcome: "已现场核查，情况属实" } }, tokens.INDUSTRY_IT_NANJING)).recordSupervisionAction;
    const request = requests.find((a: any) => a.department === "INDUSTRY_IT");
    expect(done).toEqual({ id: request.id, kind: "VERIFICATION", department: "INDUSTRY_IT", doneOn: today(), outcome: "已现场核查，情况属实" });
    const after = (await actions(code, tokens.FINANCE)).filter((a: any) => a.kind === "VERIFICATION");
    expect(after.map((a: any) => [a.department, a.doneOn !== null]).sort()).toEqual([["ECOLOGY_ENVIRONMENT", false], ["EMERGENCY_MANAGEMENT", false], ["INDUSTRY_IT", true]]);
    expect(after).toHaveLength(3);

    // Other actions are new records; bad input names the field and writes nothing.
    const interview = expectData(await t.gql<any>(RECORD, { input: { creditCode: code, kind: "INTERVIEW", doneOn: today(), outcome: "约谈主要负责人" } }, tokens.EMERGENCY_MANAGEMENT)).recordSupervisionAction;
    expect(interview).toMatchObject({ kind: "INTERVIEW", department: "EMERGENCY_MANAGEMENT" });
    const other = await createEnterprise(t);
    for (const [input, field] of [
      [{ creditCode: code, kind: "INSPECTION", outcome: "x".repeat(2001) }, "input.outcome"],
      [{ creditCode: code, kind: "INSPECTION", doneOn: "2999-01-01" }, "input.doneOn"],
      [{ creditCode: other, kind: "VERIFICATION", watchlistEntryId: entry.id }, "input.watchlistEntryId"],
      [{ creditCode: code, kind: "INSPECTION", tipId: "00000000-0000-4000-8000-000000000000" }, "input.tipId"],
    ] as const) {
      expect((await t.gql(RECORD, { input }, tokens.EMERGENCY_MANAGEMENT)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await actions(code, tokens.CREDIT_OFFICE)).toHaveLength(all.length + 1);
  });

  it("lets the enterprise read and acknowledge its own warnings only", async () => {
    const code = await createEnterprise(t, { sector: "CONSTRUCTION" });
    const entry = expectData(await t.gql<any>(WATCH, { input: { creditCode: code, reason: "多次违规" } }, tokens.CREDIT_OFFICE)).addToWatchlist;
    const subject = await t.subject(code);
    const mine = await actions(code, subject);
    expect(mine.map((a: any) => a.kind)).toEqual(["WARNING_NOTICE"]);
    const [warning] = entry.warnings;
    const acknowledged = expectData(await t.gql<any>(ACK, { id: warning.id }, subject)).acknowledgeWarning;
    expect(acknowledged.acknowledgedAt).toEqual(expect.any(String));
    // A second acknowledgement keeps the first time.
    expect(expectData(await t.gql<any>(ACK, { id: warning.id }, subject)).acknowledgeWarning.acknowledgedAt).toBe(acknowledged.acknowledgedAt);

    const stranger = await t.subject(await createEnterprise(t));
    const verification = (await actions(code, tokens.CREDIT_OFFICE)).find((a: any) => a.kind === "VERIFICATION");
    for (const id of [warning.id, verification.id, "not-an-id"]) {
      expect((await t.gql(ACK, { id }, stranger)).errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND", field: "id" }, message: "No warning addressed to your enterprise has this id." });
    }
    expect((await t.gql(ACK, { id: verification.id }, subject)).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect((await t.gql(ACK, { id: warning.id }, tokens.CREDIT_OFFICE)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await t.gql(ACTIONS, { c: code })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("finds a watched enterprise that offends again, announces it once, and shows it to OVERSIGHT only", async () => {
    const code = await createEnterprise(t, { regionCode: "320102" });
    const entry = expectData(await t.gql<any>(WATCH, { input: { creditCode: code, reason: "隐患整改不到位" } }, tokens.EMERGENCY_MANAGEMENT)).addToWatchlist;
    const ids = async (region?: string) => expectData(await t.gql<any>(CANDIDATES, { region }, tokens.CREDIT_OFFICE)).escalationCandidates.edges.map((e: any) => e.node.id);
    expect(await ids()).not.toContain(entry.id);
    // A penalty decided before the listing does not count; one after it does.
    await recordPenalty(t, tokens.EMERGENCY_MANAGEMENT, code, { decidedOn: "2026-01-10" });
    expect(await ids()).not.toContain(entry.id);
    // "After the listing day": the same day does not count; the next day does.
    await recordPenalty(t, tokens.EMERGENCY_MANAGEMENT, code, { decidedOn: today() });
    expect(await ids()).not.toContain(entry.id);
    setClockOffsetDays(2);
    await recordPenalty(t, tokens.EMERGENCY_MANAGEMENT, code, { decidedOn: today() });
    expect(await ids()).toContain(entry.id);
    expect(await ids("320100")).toContain(entry.id);
    expect(await ids("320500")).not.toContain(entry.id);
    await recordPenalty(t, tokens.EMERGENCY_MANAGEMENT, code, { decidedOn: today() });
    expect(await heard(tokens.CREDIT_OFFICE, "ESCALATION_CANDIDATE", code)).toBe(1);
    expect((await t.gql(CANDIDATES, {}, tokens.FINANCE)).errors?.[0].extensions?.code).toBe("FORBIDDEN");

    // A MAJOR accident during the watch, too.
    const other = await createEnterprise(t);
    const watched = expectData(await t.gql<any>(WATCH, { input: { creditCode: other, reason: "隐患" } }, tokens.EMERGENCY_MANAGEMENT)).addToWatchlist;
    const accident = `mutation($input: AccidentInput!) { recordAccident(input: $input) { id } }`;
    expectData(await t.gql(accident, { input: { creditCode: other, occurredOn: today(), level: "LARGER", deaths: 3, injuries: 5, description: "较大事故" } }, tokens.EMERGENCY_MANAGEMENT));
    expect(await ids()).not.toContain(watched.id);
    expectData(await t.gql(accident, { input: { creditCode: other, occurredOn: today(), level: "MAJOR", deaths: 12, injuries: 20, description: "重大事故" } }, tokens.EMERGENCY_MANAGEMENT));
    expect(await ids()).toContain(watched.id);
    expect(await heard(tokens.EMERGENCY_MANAGEMENT, "ESCALATION_CANDIDATE", other)).toBe(1);
    setClockOffsetDays(0);
  });

  it("designates and ends key supervision targets with history, lists them by region and sector, and counts them by city and sector", async () => {
    const code = await createEnterprise(t, { regionCode: "320502", sector: "METALLURGY" });
    expect((await t.gql(DESIGNATE, { c: code }, tokens.FINANCE)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await t.gql(DESIGNATE, { c: await createEnterprise(t, { regionCode: "320102" }) }, tokens.EMERGENCY_MANAGEMENT_SUZHOU)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await t.gql(DESIGNATE, { c: code, until: "2020-01-01" }, tokens.EMERGENCY_MANAGEMENT)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "until" });
    const target = expectData(await t.gql<any>(DESIGNATE, { c: code }, tokens.EMERGENCY_MANAGEMENT_SUZHOU)).designateKeySupervisionTarget;
    expect(target).toMatchObject({ designatedBy: "EMERGENCY_MANAGEMENT", since: today(), until: null, active: true });
    expect((await t.gql(DESIGNATE, { c: code }, tokens.CREDIT_OFFICE)).errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "creditCode" });

    const listed = async (vars: Record<string, unknown>) =>
      expectData(await t.gql<any>(TARGETS, vars, tokens.FINANCE)).keySupervisionTargets.edges.map((e: any) => e.node.enterprise.creditCode);
    expect(await listed({ region: "320500", sector: "METALLURGY" })).toContain(code);
    expect(await listed({ region: "320100" })).not.toContain(code);
    expect(await listed({ sector: "COAL_MINE" })).not.toContain(code);
    const profile = `query($c: CreditCode!) { enterprise(creditCode: $c) { keySupervision { id active } } }`;
    expect(expectData(await t.gql<any>(profile, { c: code }, tokens.FINANCE)).enterprise.keySupervision).toEqual({ id: target.id, active: true });
    expect((await t.gql<any>(profile, { c: code })).data!.enterprise.keySupervision).toBeNull();

    const report = await runHubCli(t.databaseEnv, "report", "key-supervision", "--format", "csv");
    expect(report.exitCode).toBe(0);
    expect(report.output.split("\n")).toContain("320500,METALLURGY,1,0,0");

    expect(expectData(await t.gql<any>(END, { id: target.id }, tokens.CREDIT_OFFICE)).endKeySupervisionTarget).toEqual({ id: target.id, active: false });
    expect((await t.gql(END, { id: target.id }, tokens.CREDIT_OFFICE)).errors?.[0].extensions).toMatchObject({ code: "CONFLICT" });
    expect(await listed({ region: "320500" })).not.toContain(code);
    // Designated again: the history keeps both.
    expectData(await t.gql(DESIGNATE, { c: code }, tokens.CREDIT_OFFICE));
    expect(await t.sql(`SELECT count(*)::int AS n FROM key_supervision_target k JOIN enterprise e ON e.id = k.enterprise_id WHERE e.credit_code = $1`, [code])).toEqual([{ n: 2 }]);
  });
});

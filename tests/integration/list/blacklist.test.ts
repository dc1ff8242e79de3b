import { addDays, addYears, setClockOffsetDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, setPerson } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const PROFILE = `query($c: CreditCode!) { enterprise(creditCode: $c) { onBlacklist measuresInForce
  blacklist { id subjectType role status validUntil person { name marketBanUntil onBlacklist } } } }`;
const TASKS = `query($status: SanctionTaskStatus) { sanctionTasks(status: $status, first: 100) { totalCount
  edges { node { department status measure { code } blacklistEntry { subjectType } } } } }`;

describe("blacklist (黑名单) and targeted distribution", () => {
  let t: TestHub;
  let em: string;
  let catalogue: { code: string; implementingDepartments: string[]; appliesToPersons: boolean }[];
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    catalogue = (await t.gql(`{ sanctionMeasures { code implementingDepartments appliesToPersons } }`)).data?.sanctionMeasures;
  });
  afterEach(() => setClockOffsetDays(0));
  afterAll(() => t.stop());

  async function enterpriseWithHolders() {
    const code = await createEnterprise(t);
    const names = { LEGAL_REPRESENTATIVE: "王强", PRINCIPAL: "李娜", SAFETY_HEAD: "张伟", DIRECTLY_RESPONSIBLE: "赵军" };
    const ids: Record<string, string> = {};
    for (const [role, name] of Object.entries(names)) ids[role] = (await setPerson(t, em, code, role, { name })).input.idNumber;
    return { code, ids };
  }

  it("brings the four responsible persons with the enterprise and distributes the catalogue's tasks", async () => {
    const { code } = await enterpriseWithHolders();
    const entries = await blacklist(t, em, code);
    expect(entries.map((e: any) => `${e.subjectType}:${e.role ?? "-"}:${e.person?.name ?? "-"}`).sort()).toEqual([
      "ENTERPRISE:-:-", "PERSON:DIRECTLY_RESPONSIBLE:赵军", "PERSON:LEGAL_REPRESENTATIVE:王强", "PERSON:PRINCIPAL:李娜", "PERSON:SAFETY_HEAD:张伟",
    ]);
    expect(entries.every((e: any) => e.status === "ACTIVE" && e.validUntil === addYears(today(), 3))).toBe(true);

    // Counted independently from the published catalogue: every (measure, department) pair for the
    // enterprise, and the pairs of measures that apply to persons for each of the four persons.
    const enterprisePairs = catalogue.reduce((n, m) => n + m.implementingDepartments.length, 0);
    const personPairs = catalogue.filter((m) => m.appliesToPersons).reduce((n, m) => n + m.implementingDepartments.length, 0);
    const [{ n }] = await t.sql(
      `SELECT count(*)::int AS n FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id
       JOIN enterprise e ON e.id = b.enterprise_id WHERE e.credit_code = $1`,
      [code],
    );
    expect(n).toBe(enterprisePairs + 4 * personPairs);

    // Each department sees exactly its own tasks; FINANCE implements procurement and "other statutory" measures.
    const finance = await t.agency("FINANCE");
    const tasks = (await t.gql(TASKS, {}, finance)).data?.sanctionTasks;
    const expected = catalogue.filter((m) => m.implementingDepartments.includes("FINANCE"))
      .reduce((sum, m) => sum + 1 + (m.appliesToPersons ? 4 : 0), 0);
    expect(tasks.totalCount).toBe(expected);
    expect(tasks.edges.every((e: any) => e.node.department === "FINANCE" && e.node.status === "OPEN")).toBe(true);
    expect(new Set(tasks.edges.map((e: any) => e.node.measure.code))).toEqual(new Set(["RESTRICT_GOVERNMENT_PROCUREMENT", "OTHER_STATUTORY"]));
    const all = await t.gql(TASKS, {}, em);
    expect(new Set(all.data?.sanctionTasks.edges.map((e: any) => e.node.department)).size).toBeGreaterThan(1);

    const profile = (await t.gql(PROFILE, { c: code }, em)).data?.enterprise;
    expect(profile.onBlacklist).toBe(true);
    expect([...profile.measuresInForce].sort()).toEqual(catalogue.map((m) => m.code).sort());
  });

  it("shows the legal representative's market ban on every enterprise he represents", async () => {
    const { code, ids } = await enterpriseWithHolders();
    const other = await createEnterprise(t);
    await setPerson(t, em, other, "LEGAL_REPRESENTATIVE", { name: "王强", idNumber: ids.LEGAL_REPRESENTATIVE });
    await blacklist(t, em, code);
    const res = (await t.gql(PROFILE, { c: other }, em)).data?.enterprise;
    expect(res.onBlacklist).toBe(false);
    expect(res.measuresInForce).toContain("MARKET_BAN");
    expect(res.measuresInForce).not.toContain("RESTRICT_BIDDING");
    const person = await t.gql(`query($id: String!) { person(idNumber: $id) { onBlacklist marketBanUntil } }`, { id: ids.LEGAL_REPRESENTATIVE }, em);
    expect(person.data?.person).toEqual({ onBlacklist: true, marketBanUntil: addYears(today(), 3) });
  });

  it("lets the recognizing department remove a listing, closing its tasks; others are FORBIDDEN", async () => {
    const { code } = await enterpriseWithHolders();
    const [enterpriseEntry] = (await blacklist(t, em, code)).filter((e: any) => e.subjectType === "ENTERPRISE");
    const remove = `mutation($id: ID!) { removeFromBlacklist(id: $id, reason: "行政复议撤销认定") { status removedOn } }`;
    const transport = await t.agency("TRANSPORT");
    expect((await t.gql(remove, { id: enterpriseEntry.id }, transport)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const res = await t.gql(remove, { id: enterpriseEntry.id }, em);
    expect(res.data?.removeFromBlacklist).toEqual({ status: "REMOVED", removedOn: today() });
    const profile = (await t.gql(PROFILE, { c: code }, em)).data?.enterprise;
    expect(profile.onBlacklist).toBe(false);
    expect(profile.measuresInForce).toEqual([]);
    expect(profile.blacklist.every((e: any) => e.status === "REMOVED")).toBe(true);
    const [{ open }] = await t.sql(
      `SELECT count(*) FILTER (WHERE t.state = 'OPEN')::int AS open FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id
       JOIN enterprise e ON e.id = b.enterprise_id WHERE e.credit_code = $1`,
      [code],
    );
    expect(open).toBe(0);
  });

  it("is EXPIRED the day after validUntil everywhere, with tasks CLOSED, and no job run", async () => {
    const { code, ids } = await enterpriseWithHolders();
    await blacklist(t, em, code, { listedOn: addDays(today(), -30), validUntil: today() });
    const filter = `query($c: String!) { enterprises(filter: { onBlacklist: true, regionCode: "320102", nameContains: $c }) { totalCount } }`;
    expect((await t.gql(PROFILE, { c: code }, em)).data?.enterprise.onBlacklist).toBe(true);

    setClockOffsetDays(1);
    const profile = (await t.gql(PROFILE, { c: code }, em)).data?.enterprise;
    expect(profile.onBlacklist).toBe(false);
    expect(profile.measuresInForce).toEqual([]);
    expect(profile.blacklist.map((e: any) => e.status)).toEqual(Array(5).fill("EXPIRED"));
    const person = await t.gql(`query($id: String!) { person(idNumber: $id) { onBlacklist marketBanUntil } }`, { id: ids.PRINCIPAL }, em);
    expect(person.data?.person).toEqual({ onBlacklist: false, marketBanUntil: null });
    const emTasks = (await t.gql(`{ sanctionTasks(status: OPEN, first: 100) { edges { node { blacklistEntry { enterprise { creditCode } } } } } }`, {}, em)).data?.sanctionTasks;
    expect(emTasks.edges.filter((e: any) => e.node.blacklistEntry.enterprise.creditCode === code)).toEqual([]);
    expect((await t.gql(filter, { c: "测试" }, em)).errors).toBeUndefined();
    const listed = await t.sql(
      `SELECT count(*)::int AS n FROM blacklist_entry b WHERE b.state = 'ACTIVE' AND b.valid_until >= $1::date AND b.enterprise_id =
       (SELECT id FROM enterprise WHERE credit_code = $2)`,
      [today(), code],
    );
    expect(listed[0].n).toBe(0);
  });

  it("gives no tasks to an entry already past validUntil when recorded", async () => {
    const code = await createEnterprise(t);
    const entries = await blacklist(t, em, code, { listedOn: addDays(today(), -800), validUntil: addDays(today(), -1) });
    expect(entries[0].status).toBe("EXPIRED");
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM sanction_task WHERE blacklist_entry_id = $1`, [entries[0].id]);
    expect(n).toBe(0);
  });

  it("shows the public the listing (公示) but not the tasks", async () => {
    const { code } = await enterpriseWithHolders();
    await blacklist(t, em, code);
    const res = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { onBlacklist measuresInForce blacklist { subjectType person { name } tasks { id } } } }`, { c: code });
    expect(res.data?.enterprise.onBlacklist).toBe(true);
    expect(res.data?.enterprise.blacklist).toHaveLength(5);
    expect(res.data?.enterprise.blacklist.every((e: any) => e.tasks === null)).toBe(true);
    expect(new Set(res.errors?.map((e) => e.extensions?.code))).toEqual(new Set(["FORBIDDEN"]));
  });
});

import { blacklist, createEnterprise, setPerson } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const LISTS = `query($c: CreditCode!) { enterprise(creditCode: $c) {
  onBlacklist blacklist { subjectType status } responsiblePersons { person { blacklist { status } } } } }`;
const REMOVE = `mutation($id: ID!) { removeFromBlacklist(id: $id, reason: "行政复议撤销认定") { status } }`;
const GRADE = `query($c: CreditCode!) { enterprise(creditCode: $c) { creditGrade { grade effectiveFrom } } }`;
const GRADE_DETAIL = `query($c: CreditCode!) { enterprise(creditCode: $c) { creditGrade { grade supervisionLevel } } }`;

/** What the public sees of lists and grades (tiered publication). */
describe("the public view of lists and grades", () => {
  let t: TestHub;
  let em: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
  });
  afterAll(() => t.stop());

  it("shows blacklist entries to the public only while they are ACTIVE; departments keep seeing them", async () => {
    const code = await createEnterprise(t);
    await setPerson(t, em, code, "LEGAL_REPRESENTATIVE");
    const entries = await blacklist(t, em, code, { includeRoles: ["LEGAL_REPRESENTATIVE"] });
    const enterpriseEntry = entries.find((e: { subjectType: string }) => e.subjectType === "ENTERPRISE");

    const listed = (await t.gql(LISTS, { c: code })).data?.enterprise;
    expect(listed.onBlacklist).toBe(true);
    expect(listed.blacklist.map((e: { status: string }) => e.status)).toEqual(["ACTIVE", "ACTIVE"]);
    expect(listed.responsiblePersons[0].person.blacklist).toEqual([{ status: "ACTIVE" }]);

    expect((await t.gql(REMOVE, { id: enterpriseEntry.id }, em)).data?.removeFromBlacklist).toEqual({ status: "REMOVED" });
    const removed = (await t.gql(LISTS, { c: code })).data?.enterprise;
    expect(removed).toEqual({ onBlacklist: false, blacklist: [], responsiblePersons: [{ person: { blacklist: [] } }] });
    const department = (await t.gql(LISTS, { c: code }, em)).data?.enterprise;
    expect(department.blacklist.map((e: { status: string }) => e.status)).toEqual(["REMOVED", "REMOVED"]);
  });

  it("publishes the grade and its date; the supervision level stays with the departments", async () => {
    const code = await createEnterprise(t);
    const grade = (await t.gql(GRADE, { c: code })).data?.enterprise.creditGrade;
    expect(grade).toEqual({ grade: expect.any(String), effectiveFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const detail = await t.gql(GRADE_DETAIL, { c: code });
    expect(detail.errors?.[0]).toMatchObject({ path: ["enterprise", "creditGrade", "supervisionLevel"], extensions: { code: "FORBIDDEN" } });
    expect((await t.gql(GRADE_DETAIL, { c: code }, em)).data?.enterprise.creditGrade).toEqual({ grade: grade.grade, supervisionLevel: expect.any(String) });
  });
});

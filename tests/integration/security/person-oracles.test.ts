import { statementCounter } from "../../../src/db/statement-counter";
import { blacklist, createEnterprise, RECORD_PENALTY, setPerson, SET_PERSON } from "../../helpers/factories";
import { newIdNumber } from "../../helpers/identifiers";
import { startTestHub, type GraphQLResponse, type TestHub } from "../../helpers/test-hub";

/**
 * A department that may see only masked ID numbers (320102********1234) must not be able to learn
 * the hidden birth date by asking the hub about guesses: every answer about a person it names
 * must be the same whether the value exists or not, and cost the hub the same statements.
 */
describe("no existence oracle on personal data", () => {
  let t: TestHub;
  let housing: string; // GOV, masked ID numbers only
  let em: string; // entitled to full ID numbers
  let code: string;
  let elsewhere: string;
  let holder: { idNumber: string; personId: string };
  let outsider: { idNumber: string; personId: string };
  let seq = 0;
  beforeAll(async () => {
    t = await startTestHub();
    housing = await t.agency("HOUSING_CONSTRUCTION");
    em = await t.agency("EMERGENCY_MANAGEMENT");
    code = await createEnterprise(t);
    elsewhere = await createEnterprise(t);
    const a = await setPerson(t, em, code, "SAFETY_HEAD");
    holder = { idNumber: a.input.idNumber, personId: (a.result as any).setResponsiblePerson.person.id };
    const b = await setPerson(t, em, elsewhere, "SAFETY_HEAD", { name: "李娜" });
    outsider = { idNumber: b.input.idNumber, personId: (b.result as any).setResponsiblePerson.person.id };
  });
  afterAll(() => t.stop());

  const penalty = (person: Record<string, unknown>) => ({
    creditCode: code,
    decisionNumber: `苏建罚〔2026〕${++seq}号`,
    decidedOn: "2026-01-15",
    violation: "施工现场未设置安全防护",
    penaltyTypes: ["WARNING"],
    ...person,
  });
  /** The answer as a client sees it, and the statements the hub ran to give it. */
  const ask = async (token: string, person: Record<string, unknown>) => {
    // The first request with a key looks the key up (one statement more); from then on the instance knows it.
    await t.gql(`{ me { department } }`, {}, token);
    await t.hub.flushAccessLog();
    const before = statementCounter.value;
    const res = await t.gql(RECORD_PENALTY, { input: penalty(person) }, token);
    const statements = statementCounter.value - before;
    await t.hub.flushAccessLog();
    return { res, statements };
  };
  const answer = (res: GraphQLResponse) => ({ status: res.status, data: res.data, errors: res.errors?.map((e) => ({ message: e.message, extensions: e.extensions })) });
  const penaltiesOf = async (creditCode: string) =>
    (await t.sql(`SELECT count(*)::int AS n FROM penalty p JOIN enterprise e ON e.id = p.enterprise_id WHERE e.credit_code = $1`, [creditCode]))[0].n;

  it("refuses an ID number from a department not entitled to ID numbers with one answer, known or not", async () => {
    const known = await ask(housing, { personIdNumber: holder.idNumber });
    const otherEnterprise = await ask(housing, { personIdNumber: outsider.idNumber });
    const unknown = await ask(housing, { personIdNumber: newIdNumber() });
    expect(known.res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(answer(otherEnterprise.res)).toEqual(answer(known.res));
    expect(answer(unknown.res)).toEqual(answer(known.res));
    expect(new Set([known.statements, otherEnterprise.statements, unknown.statements]).size).toBe(1);
    expect(await penaltiesOf(code)).toBe(0);
  });

  it("gives an entitled department one answer for an unknown number and one that is not a holder of this enterprise", async () => {
    const notHere = await ask(em, { personIdNumber: outsider.idNumber });
    const unknown = await ask(em, { personIdNumber: newIdNumber() });
    expect(notHere.res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "personIdNumber" });
    expect(answer(unknown.res)).toEqual(answer(notHere.res));
    expect(unknown.statements).toBe(notHere.statements);
    const ok = await ask(em, { personIdNumber: holder.idNumber });
    expect(ok.res.errors).toBeUndefined();
    expect(await penaltiesOf(code)).toBe(1);
  });

  it("lets every department name the person by Person.id, with one answer for unknown, foreign and malformed ids", async () => {
    const notHere = await ask(housing, { personId: outsider.personId });
    const unknown = await ask(housing, { personId: "8d7f6c1e-0000-4000-8000-000000000000" });
    const malformed = await ask(housing, { personId: "no-such-person" });
    expect(notHere.res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "personId" });
    expect(answer(unknown.res)).toEqual(answer(notHere.res));
    expect(answer(malformed.res)).toEqual(answer(notHere.res));
    expect(unknown.statements).toBe(notHere.statements);
    const before = await penaltiesOf(code);
    const ok = await ask(housing, { personId: holder.personId });
    expect(ok.res.errors).toBeUndefined();
    const [row] = await t.sql(`SELECT person_id AS "personId" FROM penalty WHERE decision_number = $1`, [`苏建罚〔2026〕${seq}号`]);
    expect(row.personId).toBe(holder.personId);
    expect(await penaltiesOf(code)).toBe(before + 1);
    const both = await ask(em, { personId: holder.personId, personIdNumber: holder.idNumber });
    expect(both.res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "personId" });
  });

  it("records refused person references in the access log as denied attempts", async () => {
    await ask(housing, { personIdNumber: newIdNumber() });
    await ask(housing, { personId: outsider.personId });
    // The caller reads its own agency's records.
    const log = await t.gql(`{ accessLog(first: 2) { edges { node { operationName deniedFields } } } }`, {}, housing);
    const denied = log.data?.accessLog.edges.map((e: any) => ({ denied: e.node.deniedFields }));
    expect(denied).toHaveLength(2);
    for (const row of denied) expect(row.denied).toContain("Mutation.recordPenalty");
  });

  it("names a known person by Person.id in setResponsiblePerson, and refuses ambiguous or empty references", async () => {
    const res = await t.gql(SET_PERSON, { input: { creditCode: code, role: "DIRECTLY_RESPONSIBLE", personId: outsider.personId } }, em);
    expect(res.errors).toBeUndefined();
    expect(res.data?.setResponsiblePerson.person).toEqual({ id: outsider.personId, name: "李娜" });
    const both = await t.gql(SET_PERSON, { input: { creditCode: code, role: "PRINCIPAL", personId: outsider.personId, idNumber: outsider.idNumber, name: "李娜" } }, em);
    expect(both.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "personId" });
    const none = await t.gql(SET_PERSON, { input: { creditCode: code, role: "PRINCIPAL", name: "李娜" } }, em);
    expect(none.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "personId" });
    const rename = await t.gql(SET_PERSON, { input: { creditCode: code, role: "PRINCIPAL", personId: outsider.personId, name: "王芳" } }, em);
    expect(rename.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    const unknown = await t.gql(SET_PERSON, { input: { creditCode: code, role: "PRINCIPAL", personId: "8d7f6c1e-0000-4000-8000-000000000000" } }, em);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "personId" });
  });

  it("answers person(idNumber) for a department not entitled with FORBIDDEN before any lookup, known or not", async () => {
    const q = `query($n: String!) { person(idNumber: $n) { name } }`;
    const run = async (n: string) => {
      await t.hub.flushAccessLog();
      const before = statementCounter.value;
      const res = await t.gql(q, { n }, housing);
      return { res, statements: statementCounter.value - before };
    };
    const known = await run(holder.idNumber);
    const unknown = await run(newIdNumber());
    expect(known.res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(known.res.data?.person).toBeNull();
    expect(answer(unknown.res)).toEqual(answer(known.res));
    expect(unknown.statements).toBe(known.statements);
  });

  it("gives one answer for another department's report and a report that does not exist", async () => {
    const finance = await t.agency("FINANCE");
    const [entry] = await blacklist(t, em, elsewhere, { includeRoles: [] });
    const reg = await t.gql(
      `mutation($input: SanctionFeedbackInput!) { registerSanctionFeedback(input: $input) { feedback { id } } }`,
      { input: { clientReference: "ORACLE-1", blacklistEntryId: entry.id, measure: "RESTRICT_GOVERNMENT_PROCUREMENT", matter: "GOVERNMENT_PROCUREMENT", appliedOn: entry.listedOn, outcome: "APPLIED" } },
      finance,
    );
    const id = reg.data?.registerSanctionFeedback.feedback.id;
    expect(id).toBeTruthy();
    const retract = (fid: string) => t.gql(`mutation($id: ID!) { retractSanctionFeedback(id: $id, reason: "试探") { id } }`, { id: fid }, housing);
    const others = await retract(id);
    const missing = await retract("8d7f6c1e-0000-4000-8000-000000000000");
    expect(others.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(answer(missing)).toEqual(answer(others));
    const [state] = await t.sql(`SELECT count(*)::int AS n FROM sanction_feedback_retraction`);
    expect(state.n).toBe(0);
  });
});

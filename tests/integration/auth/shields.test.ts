import { addDays, today } from "../../../src/shared/clock";
import { createEnterprise, recordPenalty, setPerson, UPSERT } from "../../helpers/factories";
import { newCreditCode, newIdNumber } from "../../helpers/identifiers";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const PROFILE = `query($c: CreditCode!) { enterprise(creditCode: $c) { name
  responsiblePersons { role person { name idNumber idNumberMasked } }
  penalties { totalCount edges { node { decisionNumber revoked isPublic agency { name } } } } } }`;

describe("field shields and row filters", () => {
  let t: TestHub;
  let em: string;
  let code: string;
  let legalId: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    code = await createEnterprise(t);
    legalId = (await setPerson(t, em, code, "LEGAL_REPRESENTATIVE", { name: "王强" })).input.idNumber;
    await setPerson(t, em, code, "SAFETY_HEAD", { name: "李娜" });
    // Within its GENERAL penalty's public year.
    await recordPenalty(t, em, code, { decisionNumber: "A-public", decidedOn: addDays(today(), -30) });
    await recordPenalty(t, em, code, { decisionNumber: "B-undisclosed", decidedOn: "2020-01-01", publicUntil: "2021-01-01" });
    const revoked = await recordPenalty(t, em, code, { decisionNumber: "C-revoked", decidedOn: "2025-04-01" });
    await t.gql(`mutation($id: ID!) { revokePenalty(id: $id, reason: "复议撤销") { id } }`, { id: revoked.id }, em);
  });
  afterAll(() => t.stop());

  it("gives ID departments the full ID number", async () => {
    const res = await t.gql(PROFILE, { c: code }, em);
    expect(res.errors).toBeUndefined();
    const legal = res.data?.enterprise.responsiblePersons.find((r: any) => r.role === "LEGAL_REPRESENTATIVE");
    expect(legal.person.idNumber).toBe(legalId);
    expect(res.data?.enterprise.penalties.totalCount).toBe(3);
  });

  it("nulls the ID number for other departments with FORBIDDEN at its path, serving the rest", async () => {
    const finance = await t.agency("FINANCE");
    const res = await t.gql(PROFILE, { c: code }, finance);
    const persons = res.data?.enterprise.responsiblePersons;
    expect(persons).toHaveLength(2);
    for (const p of persons) {
      expect(p.person.idNumber).toBeNull();
      expect(p.person.idNumberMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    }
    const denied = res.errors!.filter((e) => e.path?.at(-1) === "idNumber");
    expect(denied).toHaveLength(2);
    expect(denied[0].extensions).toEqual({ code: "FORBIDDEN" });
    expect(denied[0].path).toEqual(["enterprise", "responsiblePersons", expect.any(Number), "person", "idNumber"]);
  });

  it("denies Query.person to departments without ID rights, saying nothing about existence", async () => {
    const transport = await t.agency("TRANSPORT");
    const known = await t.gql(`query($id: String!) { person(idNumber: $id) { name } }`, { id: legalId }, transport);
    const unknown = await t.gql(`query($id: String!) { person(idNumber: $id) { name } }`, { id: newIdNumber() }, transport);
    expect(known.data).toEqual({ person: null });
    expect(known.errors).toEqual(unknown.errors);
    expect(known.errors?.[0]).toMatchObject({ message: "You are not allowed to access this field.", extensions: { code: "FORBIDDEN" } });
  });

  it("shows the public only legal representatives and disclosed, unrevoked penalties, without agency", async () => {
    const res = await t.gql(PROFILE, { c: code });
    const e = res.data?.enterprise;
    expect(e.responsiblePersons.map((r: any) => r.role)).toEqual(["LEGAL_REPRESENTATIVE"]);
    expect(e.responsiblePersons[0].person).toEqual({ name: "王强", idNumber: null, idNumberMasked: null });
    expect(e.penalties.totalCount).toBe(1);
    expect(e.penalties.edges.map((x: any) => x.node.decisionNumber)).toEqual(["A-public"]);
    expect(e.penalties.edges[0].node.agency).toBeNull();
    const deniedFields = new Set(res.errors!.map((x) => String(x.path?.at(-1))));
    expect([...deniedFields].sort()).toEqual(["agency", "idNumber", "idNumberMasked"]);
  });

  it("refuses writes outside a department's rights, without a write scope, and changes nothing", async () => {
    const finance = await t.agency("FINANCE");
    const readOnly = await t.agency("MARKET_REGULATION", { scopes: ["read"] });
    for (const token of [finance, readOnly, undefined]) {
      const creditCode = newCreditCode();
      const res = await t.gql(UPSERT, { input: { creditCode, name: "x", regionCode: "320102", sector: "OTHER" } }, token);
      expect(res.errors?.[0].extensions).toEqual({ code: "FORBIDDEN" });
      expect(res.data).toBeNull();
      expect(await t.sql(`SELECT 1 FROM enterprise WHERE credit_code = $1`, [creditCode])).toHaveLength(0);
    }
  });
});

describe("introspection", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { NODE_ENV: "production" } });
  });
  afterAll(() => t.stop());

  it("is closed to the public audience in production and open to agencies", async () => {
    const query = `{ __schema { queryType { name } } }`;
    const pub = await t.gql(query);
    expect(pub.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const agency = await t.gql(query, {}, await t.agency("FINANCE"));
    expect(agency.data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });
});

import { createEnterprise, SET_PERSON, setPerson } from "../../helpers/factories";
import { newCreditCode, newIdNumber } from "../../helpers/identifiers";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const HOLDERS = `query($c: CreditCode!, $current: Boolean) { enterprise(creditCode: $c) {
  responsiblePersons(roles: [LEGAL_REPRESENTATIVE], current: $current) { role since until person { name idNumber } } } }`;

describe("responsible persons", () => {
  let t: TestHub;
  let writer: string;
  beforeAll(async () => {
    t = await startTestHub();
    writer = await t.agency("EMERGENCY_MANAGEMENT");
  });
  afterAll(() => t.stop());

  it("hands a role over: the previous holder's term ends and stays in the history", async () => {
    const code = await createEnterprise(t);
    const first = await setPerson(t, writer, code, "LEGAL_REPRESENTATIVE", { name: "王强", since: "2020-03-01" });
    const second = await setPerson(t, writer, code, "LEGAL_REPRESENTATIVE", { name: "李娜", since: "2025-06-30" });

    const current = await t.gql(HOLDERS, { c: code }, writer);
    expect(current.data?.enterprise.responsiblePersons).toEqual([
      { role: "LEGAL_REPRESENTATIVE", since: "2025-06-30", until: null, person: { name: "李娜", idNumber: second.input.idNumber } },
    ]);
    const history = await t.gql(HOLDERS, { c: code, current: false }, writer);
    expect(history.data?.enterprise.responsiblePersons).toEqual([
      { role: "LEGAL_REPRESENTATIVE", since: "2025-06-30", until: null, person: { name: "李娜", idNumber: second.input.idNumber } },
      { role: "LEGAL_REPRESENTATIVE", since: "2020-03-01", until: "2025-06-30", person: { name: "王强", idNumber: first.input.idNumber } },
    ]);
  });

  it("keeps several directly responsible persons at once", async () => {
    const code = await createEnterprise(t);
    await setPerson(t, writer, code, "DIRECTLY_RESPONSIBLE", { name: "赵军" });
    await setPerson(t, writer, code, "DIRECTLY_RESPONSIBLE", { name: "钱敏" });
    const res = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { responsiblePersons(roles: [DIRECTLY_RESPONSIBLE]) { person { name } } } }`, { c: code }, writer);
    expect(res.data?.enterprise.responsiblePersons.map((r: any) => r.person.name).sort()).toEqual(["赵军", "钱敏"].sort());
  });

  it("shows a person's roles across enterprises and finds the person by ID number", async () => {
    const a = await createEnterprise(t);
    const b = await createEnterprise(t);
    const idNumber = newIdNumber();
    await setPerson(t, writer, a, "LEGAL_REPRESENTATIVE", { name: "孙杰", idNumber });
    await setPerson(t, writer, b, "PRINCIPAL", { name: "孙杰", idNumber });
    const res = await t.gql(`query($id: String!) { person(idNumber: $id) { name idNumberMasked roles { role enterprise { creditCode } } } }`, { id: idNumber }, writer);
    expect(res.data?.person.name).toBe("孙杰");
    expect(res.data?.person.idNumberMasked).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(14)}`);
    expect(res.data?.person.roles.map((r: any) => `${r.role}:${r.enterprise.creditCode}`).sort()).toEqual(
      [`LEGAL_REPRESENTATIVE:${a}`, `PRINCIPAL:${b}`].sort(),
    );
  });

  it("rejects an ID number with a bad check digit, naming the field", async () => {
    const code = await createEnterprise(t);
    const good = newIdNumber();
    const bad = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    const res = await t.gql(SET_PERSON, { input: { creditCode: code, role: "PRINCIPAL", name: "周涛", idNumber: bad } }, writer);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "idNumber" });
    expect(res.errors?.[0].message).toMatch(/GB 11643/);
  });

  it("answers NOT_FOUND for an unknown enterprise and leaves no person behind", async () => {
    const idNumber = newIdNumber();
    const res = await t.gql(SET_PERSON, { input: { creditCode: newCreditCode(), role: "PRINCIPAL", name: "吴刚", idNumber } }, writer);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "creditCode" });
    expect(await t.sql(`SELECT 1 FROM person WHERE id_number = $1`, [idNumber])).toHaveLength(0);
  });

  it("rolls back the new person when the handover date is invalid", async () => {
    const code = await createEnterprise(t);
    await setPerson(t, writer, code, "SAFETY_HEAD", { since: "2024-01-01" });
    const idNumber = newIdNumber();
    const res = await t.gql(SET_PERSON, { input: { creditCode: code, role: "SAFETY_HEAD", name: "郑平", idNumber, since: "2023-01-01" } }, writer);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "since" });
    // The person row was inserted before the date check failed: the transaction must have undone it.
    expect(await t.sql(`SELECT 1 FROM person WHERE id_number = $1`, [idNumber])).toHaveLength(0);
    expect(await t.sql(`SELECT 1 FROM responsible_person rp JOIN enterprise e ON e.id = rp.enterprise_id WHERE e.credit_code = $1 AND until IS NOT NULL`, [code])).toHaveLength(0);
  });

  it("refuses to write for the public audience", async () => {
    const code = await createEnterprise(t);
    const res = await t.gql(SET_PERSON, { input: { creditCode: code, role: "PRINCIPAL", name: "x", idNumber: newIdNumber() } });
    expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

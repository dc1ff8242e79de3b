import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { addDays, addYears, setClockOffsetDays, today } from "../../../src/shared/clock";
import { runHubCli } from "../../helpers/cli";
import { newCreditCode } from "../../helpers/identifiers";
import { createEnterprise, expectData } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const RECORD = `mutation($input: LicenceInput!) { recordLicence(input: $input) { id licenceNumber title issuedBy issuedOn validUntil status isPublic } }`;
const REVOKE = `mutation($id: ID!) { revokeLicence(id: $id, reason: "以欺骗手段取得许可") { id status } }`;
const LICENCES = `query($c: CreditCode!) { enterprise(creditCode: $c) { licences { licenceNumber status isPublic } } }`;
const REVIEW = `query($c: [CreditCode!]!) { creditReview(creditCodes: $c, matter: GOVERNMENT_PROCUREMENT) { verdict reasons { code } } }`;

/** Licences (行政许可, 双公示; issue 18): record, revoke, expire, public for three years, in the profile and the review. */
describe("administrative licences", () => {
  let t: TestHub;
  let em: string;
  let market: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    market = await t.agency("MARKET_REGULATION");
  });
  afterEach(() => setClockOffsetDays(0));
  afterAll(() => t.stop());

  const licence = (creditCode: string, overrides: Record<string, unknown> = {}) => ({
    creditCode, licenceNumber: `（苏）WH安许证字〔${Math.floor(Math.random() * 1e9)}〕`, title: "危险化学品经营许可证", issuedOn: addDays(today(), -30),
    validUntil: addYears(today(), 2), ...overrides,
  });

  it("records a department's licence, publishes it for three years, expires it after validUntil, and refuses bad input", async () => {
    const code = await createEnterprise(t);
    const input = licence(code);
    const recorded = expectData(await t.gql<any>(RECORD, { input }, em)).recordLicence;
    expect(recorded).toMatchObject({ issuedBy: "EMERGENCY_MANAGEMENT", status: "VALID", isPublic: true, issuedOn: input.issuedOn });
    expect((await t.gql(RECORD, { input }, em)).errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.licenceNumber" });
    expect(expectData(await t.gql<any>(RECORD, { input }, market)).recordLicence.issuedBy).toBe("MARKET_REGULATION");
    const old = licence(code, { issuedOn: addYears(today(), -4), validUntil: addYears(today(), -1) });
    expect(expectData(await t.gql<any>(RECORD, { input: old }, em)).recordLicence).toMatchObject({ status: "EXPIRED", isPublic: false });
    for (const [bad, field] of [
      [licence(code, { issuedOn: "2999-01-01", validUntil: null }), "input.issuedOn"],
      [licence(code, { validUntil: "2000-01-01" }), "input.validUntil"],
      [licence(code, { title: "" }), "input.title"],
      [licence(code, { licenceNumber: "x".repeat(101) }), "input.licenceNumber"],
    ] as const) {
      expect((await t.gql(RECORD, { input: bad }, em)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect((await t.gql(RECORD, { input: licence(code) }, await t.agency("EMERGENCY_MANAGEMENT", { region: "320500" }))).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await t.gql(RECORD, { input: licence(code) })).errors?.[0].extensions?.code).toBe("FORBIDDEN");

    // The public sees the licences within their public years; departments and the enterprise all.
    const numbers = (res: any) => res.enterprise.licences.map((l: any) => l.licenceNumber).sort();
    expect(numbers(expectData(await t.gql<any>(LICENCES, { c: code })))).toEqual([input.licenceNumber, input.licenceNumber]);
    expect(numbers(expectData(await t.gql<any>(LICENCES, { c: code }, em)))).toEqual([input.licenceNumber, input.licenceNumber, old.licenceNumber].sort());
    expect(numbers(expectData(await t.gql<any>(LICENCES, { c: code }, await t.subject(code))))).toHaveLength(3);

    // Time passes: after validUntil the licence is EXPIRED; after three years no longer public.
    setClockOffsetDays(365 * 2 + 10);
    expect(expectData(await t.gql<any>(LICENCES, { c: code }, em)).enterprise.licences.map((l: any) => l.status)).toEqual(["EXPIRED", "EXPIRED", "EXPIRED"]);
    setClockOffsetDays(365 * 3 + 10);
    expect(expectData(await t.gql<any>(LICENCES, { c: code })).enterprise.licences).toEqual([]);
  });

  it("lets only the issuing department revoke, and a revoked licence makes a credit review CAUTION", async () => {
    const code = await createEnterprise(t);
    const before = expectData(await t.gql<any>(REVIEW, { c: [code] }, market)).creditReview[0];
    expect(before).toEqual({ verdict: "CLEAR", reasons: [] });
    const { id } = expectData(await t.gql<any>(RECORD, { input: licence(code) }, em)).recordLicence;
    expect((await t.gql(REVOKE, { id }, market)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await t.gql(REVOKE, { id: "00000000-0000-4000-8000-000000000000" }, em)).errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
    expect(expectData(await t.gql<any>(REVOKE, { id }, em)).revokeLicence).toEqual({ id, status: "REVOKED" });
    expect((await t.gql(REVOKE, { id }, em)).errors?.[0].extensions).toMatchObject({ code: "CONFLICT" });
    expect(expectData(await t.gql<any>(REVIEW, { c: [code] }, market)).creditReview[0]).toEqual({ verdict: "CAUTION", reasons: [{ code: "LICENCE_REVOKED" }] });
  });

  it("imports licences from CSV with the same rules: a report by line for bad rows, nothing written twice", async () => {
    const a = await createEnterprise(t);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-licences-"));
    const file = path.join(dir, "licences.csv");
    fs.writeFileSync(file, [
      "credit_code,licence_number,title,department,issued_on,valid_until",
      `${a},（苏）WH安许证字〔2026〕1号,危险化学品经营许可证,EMERGENCY_MANAGEMENT,${addDays(today(), -20)},${addYears(today(), 3)}`, // 2 good
      `${a},建筑施工安全生产许可证-2,安全生产许可证,HOUSING_CONSTRUCTION,${addDays(today(), -5)},`, // 3 good
      `${a},（苏）WH安许证字〔2026〕1号,危险化学品经营许可证,EMERGENCY_MANAGEMENT,${addDays(today(), -20)},`, // 4 same number, same department
      `${a},X-1,许可证,POLICE,${addDays(today(), -5)},`, // 5 unknown department
      `${a},X-2,许可证,EMERGENCY_MANAGEMENT,2999-01-01,`, // 6 future issue date
      `${newCreditCode()},X-3,许可证,EMERGENCY_MANAGEMENT,${addDays(today(), -5)},`, // 7 unknown enterprise
      `${a},X-4,许可证,EMERGENCY_MANAGEMENT,${addDays(today(), -5)},2000-01-01`, // 8 ends before it begins
    ].join("\n"));
    try {
      const first = await runHubCli(t.databaseEnv, "import", "licences", file);
      expect(first.output).toContain("7 rows: 2 written, 1 already present, 4 rejected");
      const report = fs.readFileSync(`${file}.errors.csv`, "utf8").trim().split("\n").slice(1).map((l) => l.split(",").slice(0, 2).join(","));
      // A batch's refusals, those of the checks while read and those of its merge (an unknown enterprise), in line order.
      expect(report).toEqual(["5,department", "6,issued_on", "7,credit_code", "8,valid_until"]);
      const listed = expectData(await t.gql<any>(LICENCES, { c: a })).enterprise.licences;
      expect(listed.map((l: any) => [l.status, l.isPublic])).toEqual([["VALID", true], ["VALID", true]]);
      const second = await runHubCli(t.databaseEnv, "import", "licences", file);
      expect(second.output).toContain("7 rows: 0 written, 3 already present, 4 rejected");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

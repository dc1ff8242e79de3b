import { statementCounter } from "../../../src/db/statement-counter";
import { addDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, recordPenalty, setPerson } from "../../helpers/factories";
import { newCreditCode } from "../../helpers/identifiers";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const REVIEW = `query($codes: [CreditCode!]!, $matter: AdministrativeMatter!) { creditReview(creditCodes: $codes, matter: $matter) {
  reviewId creditCode found enterpriseName verdict measuresInForce reasons { code measure blacklistEntry { subjectType } watchlistEntry { status } } } }`;

describe("credit review (信用审查)", () => {
  let t: TestHub;
  let em: string;
  let listed: string;
  let represented: string;
  let watched: string;
  let clean: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    listed = await createEnterprise(t);
    await blacklist(t, em, listed);
    // A legal representative blacklisted with another enterprise represents this one too.
    const other = await createEnterprise(t);
    const { input } = await setPerson(t, em, other, "LEGAL_REPRESENTATIVE", { name: "陈刚" });
    represented = await createEnterprise(t);
    await setPerson(t, em, represented, "LEGAL_REPRESENTATIVE", { name: "陈刚", idNumber: input.idNumber });
    await blacklist(t, em, other);
    watched = await createEnterprise(t);
    await t.gql(`mutation($input: WatchlistInput!) { addToWatchlist(input: $input) { id } }`, { input: { creditCode: watched, reason: "隐患" } }, em);
    clean = await createEnterprise(t);
  });
  afterAll(() => t.stop());

  const review = async (codes: string[], matter: string) => (await t.gql(REVIEW, { codes, matter }, em)).data?.creditReview;
  const reasonCodes = (r: any) => r.reasons.map((x: any) => x.code);

  it("restricts a blacklisted enterprise for government procurement with MEASURE_IN_FORCE", async () => {
    const [r] = await review([listed], "GOVERNMENT_PROCUREMENT");
    expect(r.verdict).toBe("RESTRICTED");
    expect(r.reasons[0]).toMatchObject({ code: "MEASURE_IN_FORCE", measure: "RESTRICT_GOVERNMENT_PROCUREMENT", blacklistEntry: { subjectType: "ENTERPRISE" } });
    expect(reasonCodes(r)).toContain("BLACKLISTED");
  });

  it("restricts market access when the legal representative is blacklisted, and cautions for procurement", async () => {
    const [access] = await review([represented], "MARKET_ACCESS");
    expect(access.verdict).toBe("RESTRICTED");
    expect(access.reasons.find((x: any) => x.code === "MEASURE_IN_FORCE")).toMatchObject({ measure: "MARKET_BAN", blacklistEntry: { subjectType: "PERSON" } });
    const [procurement] = await review([represented], "GOVERNMENT_PROCUREMENT");
    expect(procurement.verdict).toBe("CAUTION");
    expect(reasonCodes(procurement)).toEqual(["PERSON_BLACKLISTED"]);
  });

  it("cautions a watchlisted enterprise, clears a clean one, and marks unknown codes not found, in input order", async () => {
    const unknown = newCreditCode();
    const results = await review([watched, unknown, clean], "BIDDING");
    expect(results.map((r: any) => [r.creditCode, r.found, r.verdict])).toEqual([[watched, true, "CAUTION"], [unknown, false, "CLEAR"], [clean, true, "CLEAR"]]);
    expect(results[0].reasons.find((x: any) => x.code === "WATCHLISTED").watchlistEntry).toEqual({ status: "ACTIVE" });
    expect(new Set(results.map((r: any) => r.reviewId)).size).toBe(1);
  });

  it("cautions for a recent penalty and a low grade", async () => {
    const code = await createEnterprise(t);
    for (const d of [10, 20, 30]) await recordPenalty(t, em, code, { decidedOn: addDays(today(), -d) });
    const [r] = await review([code], "HONORS");
    expect(r.verdict).toBe("CAUTION");
    expect(reasonCodes(r)).toEqual(expect.arrayContaining(["WATCHLISTED", "LOW_GRADE", "RECENT_PENALTY"]));
  });

  it("refuses more than 1000 codes and names the index of an invalid code", async () => {
    const tooMany = await t.gql(REVIEW, { codes: Array.from({ length: 1001 }, () => newCreditCode()), matter: "BIDDING" }, em);
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "creditCodes" });
    // A refused review read nothing, so the access log names no subjects for it.
    await t.hub.flushAccessLog();
    expect((await t.sql(`SELECT count(*)::int AS n FROM access_record WHERE cardinality(subjects) > 1000`))[0].n).toBe(0);
    const bad = clean.slice(0, 17) + (clean[17] === "0" ? "1" : "0");
    const invalid = await t.gql(REVIEW, { codes: [clean, clean, bad], matter: "BIDDING" }, em);
    expect(invalid.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "codes[2]" });
    // Written into the query itself, the bad code is pointed at by line and column.
    const literal = `{ creditReview(creditCodes: ["${clean}", "${clean}", "${bad}"], matter: BIDDING) { verdict } }`;
    const inline = await t.gql(literal, {}, em);
    expect(inline.status).toBe(400);
    expect(inline.errors).toHaveLength(1);
    expect(inline.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "creditCode" }, locations: [{ line: 1, column: literal.indexOf(`"${bad}"`) + 1 }] });
  });

  it("runs the same number of SQL statements for 1000 codes as for 1 code with every kind of reason", async () => {
    const count = async (codes: string[]) => {
      await t.hub.flushAccessLog();
      const before = statementCounter.value;
      const res = await t.gql(REVIEW, { codes, matter: "GOVERNMENT_PROCUREMENT" }, em);
      expect(res.errors).toBeUndefined();
      return statementCounter.value - before;
    };
    // One code whose reasons cite a blacklist entry (its legal representative's) and a watchlist entry.
    const both = await createEnterprise(t);
    const { input } = await setPerson(t, em, both, "LEGAL_REPRESENTATIVE", { name: "周敏" });
    const elsewhere = await createEnterprise(t);
    await setPerson(t, em, elsewhere, "LEGAL_REPRESENTATIVE", { name: "周敏", idNumber: input.idNumber });
    await blacklist(t, em, elsewhere);
    await t.gql(`mutation($input: WatchlistInput!) { addToWatchlist(input: $input) { id } }`, { input: { creditCode: both, reason: "隐患" } }, em);
    const pool = [listed, represented, watched, clean, both];
    const thousand = Array.from({ length: 1000 }, (_, i) => (i % 6 === 5 ? newCreditCode() : pool[i % 5]));
    expect(await count(thousand)).toBe(await count([both]));
  });

  it("is closed to the public", async () => {
    const res = await t.gql(REVIEW, { codes: [clean], matter: "BIDDING" });
    expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

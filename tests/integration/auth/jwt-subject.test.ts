import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SignJWT, exportSPKI, generateKeyPair, type KeyLike } from "jose";
import { addDays, today } from "../../../src/shared/clock";
import { createEnterprise, expectData } from "../../helpers/factories";
import { newCreditCode } from "../../helpers/identifiers";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const ISSUER = "https://ids.jiangsu.example/realm/enterprise";

const ACCIDENT = `mutation($input: AccidentInput!) { recordAccident(input: $input) { id } }`;
const MINE = `{ myEnterprise { creditCode } me { id } }`;
const ACCIDENTS = `query($c: CreditCode!) { enterprise(creditCode: $c) { creditCode accidents { id } } }`;
const PENALTY = `mutation($input: PenaltyInput!) { recordPenalty(input: $input) { id } }`;

/** An enterprise signing in at the province identity provider: a JWT of the configured issuer with the claim `subject`. */
describe("JWT tokens with the claim subject (an enterprise about itself)", () => {
  let t: TestHub;
  let signingKey: KeyLike;
  let em: string;
  let own: string;
  let other: string;
  const ownAccidents: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-jwt-subject-"));

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    signingKey = pair.privateKey;
    const keyFile = path.join(dir, "issuer.pem");
    fs.writeFileSync(keyFile, await exportSPKI(pair.publicKey));
    t = await startTestHub({ env: { HUB_JWT_ISSUER: ISSUER, HUB_JWT_PUBLIC_KEY_FILE: keyFile } });
    em = await t.agency("EMERGENCY_MANAGEMENT");
    own = await createEnterprise(t);
    other = await createEnterprise(t);
    for (const code of [own, other]) {
      const { recordAccident } = expectData(await t.gql<{ recordAccident: { id: string } }>(ACCIDENT, {
        input: { creditCode: code, occurredOn: addDays(today(), -5), level: "ORDINARY", deaths: 0, injuries: 1, description: "机械伤害" },
      }, em));
      if (code === own) ownAccidents.push(recordAccident.id);
    }
  });
  afterAll(async () => {
    await t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * A token of the issuer naming an enterprise; by default it also carries an agency's claims
   * (department, region, scope "read write"), which the claim `subject` must override.
   */
  function token(subject: unknown, options: { sub?: string; claims?: Record<string, unknown> } = {}) {
    return new SignJWT({ department: "EMERGENCY_MANAGEMENT", region: "320000", scope: "read write", name: "省应急管理厅", subject, ...options.claims })
      .setProtectedHeader({ alg: "RS256" })
      .setSubject(options.sub ?? `ent-${Math.random()}`)
      .setIssuer(ISSUER)
      .setAudience("credit-hub")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(signingKey);
  }
  const agencyRows = async (sub: string) =>
    (await t.sql(`SELECT count(*)::int AS n FROM agency WHERE external_id = $1`, [`${ISSUER}#${sub}`]))[0].n;

  it("makes the call as the enterprise its subject claim names: myEnterprise is it, me is null, no agency is created", async () => {
    const sub = `ent-own-${Math.random()}`;
    const res = await t.gql(MINE, {}, await token(own, { sub }));
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ myEnterprise: { creditCode: own }, me: null });
    expect(await agencyRows(sub)).toBe(0);
  });

  it("reads its own accidents (a GOV field)", async () => {
    const res = await t.gql(ACCIDENTS, { c: own }, await token(own));
    expect(res.errors).toBeUndefined();
    expect(res.data?.enterprise).toEqual({ creditCode: own, accidents: ownAccidents.map((id) => ({ id })) });
  });

  it("reads another enterprise as the public: its accidents are FORBIDDEN, at that field", async () => {
    const res = await t.gql(ACCIDENTS, { c: other }, await token(own));
    expect(res.status).toBe(200);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[["enterprise", "accidents"], "FORBIDDEN"]]);
    // The rest of the record is served; the denied nullable field is null.
    expect(res.data?.enterprise).toEqual({ creditCode: other, accidents: null });
    // The same answer as the public's.
    expect(res).toEqual(await t.gql(ACCIDENTS, { c: other }));
  });

  it.each([
    ["a valid credit code the hub does not know", () => newCreditCode()],
    ["a subject claim that is not a credit code", () => "not-a-code"],
    ["a credit code failing its check character", () => { const c = newCreditCode(); return c.slice(0, 17) + (c[17] === "0" ? "1" : "0"); }],
    ["an empty subject claim", () => ""],
    ["a subject claim that is not a string", () => 91320102],
  ])("answers 401 UNAUTHENTICATED for %s, never public nor the agency its other claims describe", async (_label, subject) => {
    const sub = `ent-bad-${Math.random()}`;
    const res = await t.gql(MINE, {}, await token(subject(), { sub }));
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(res.data).toBeUndefined();
    expect(await agencyRows(sub)).toBe(0);
  });

  it("cannot write, even carrying a department of that mutation and the write scope: FORBIDDEN, nothing written", async () => {
    const penaltiesOf = async (code: string) =>
      (await t.sql(`SELECT count(*)::int AS n FROM penalty p JOIN enterprise e ON e.id = p.enterprise_id WHERE e.credit_code = $1`, [code]))[0].n;
    const sub = `ent-writer-${Math.random()}`;
    const jwt = await token(own, { sub, claims: { department: "EMERGENCY_MANAGEMENT", region: "320000", scope: "read write" } });
    for (const target of [own, other]) {
      const res = await t.gql(PENALTY, {
        input: { creditCode: target, decisionNumber: `苏应急罚〔2026〕${Math.floor(Math.random() * 1e9)}号`, decidedOn: today(), violation: "未开展应急演练", penaltyTypes: ["WARNING"] },
      }, jwt);
      expect(res.status).toBe(200);
      expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[["recordPenalty"], "FORBIDDEN"]]);
      expect(res.data ?? null).toBeNull();
      expect(await penaltiesOf(target)).toBe(0);
    }
    expect(await agencyRows(sub)).toBe(0);
    // The same claims without `subject` are the agency, which may write: the refusal is the subject's.
    const agencyJwt = await new SignJWT({ department: "EMERGENCY_MANAGEMENT", region: "320000", scope: "read write", name: "省应急管理厅" })
      .setProtectedHeader({ alg: "RS256" }).setSubject(sub).setIssuer(ISSUER).setAudience("credit-hub").setIssuedAt().setExpirationTime("10m")
      .sign(signingKey);
    const write = await t.gql(PENALTY, {
      input: { creditCode: own, decisionNumber: `苏应急罚〔2026〕${Math.floor(Math.random() * 1e9)}号`, decidedOn: today(), violation: "未开展应急演练", penaltyTypes: ["WARNING"] },
    }, agencyJwt);
    expect(write.errors).toBeUndefined();
    expect(await penaltiesOf(own)).toBe(1);
  });
});

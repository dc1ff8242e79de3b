import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type KeyLike } from "jose";
import { createEnterprise } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const ISSUER = "https://ids.jiangsu.example/realm/gov";

describe("JWT tokens of a configured issuer", () => {
  let t: TestHub;
  let signingKey: KeyLike;
  let otherKey: KeyLike;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-jwt-"));

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair("RS256")).privateKey;
    const keyFile = path.join(dir, "issuer.pem");
    fs.writeFileSync(keyFile, await exportSPKI(pair.publicKey));
    t = await startTestHub({ env: { HUB_JWT_ISSUER: ISSUER, HUB_JWT_PUBLIC_KEY_FILE: keyFile } });
  });
  afterAll(async () => {
    await t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function token(
    options: { key?: KeyLike; audience?: string; issuer?: string; expires?: string | number; subject?: string; claims?: Record<string, unknown>; alg?: string } = {},
  ) {
    return new SignJWT({ department: "HOUSING_CONSTRUCTION", region: "320500", scope: "read write", name: "苏州市住建局", ...options.claims })
      .setProtectedHeader({ alg: options.alg ?? "RS256" })
      .setSubject(options.subject ?? "szzj-01")
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? "credit-hub")
      .setIssuedAt()
      .setExpirationTime(options.expires ?? "10m")
      .sign(options.key ?? signingKey);
  }

  it("makes the call as the agency its claims describe", async () => {
    const res = await t.gql(`{ me { name department regionCode } }`, {}, await token());
    expect(res.status).toBe(200);
    expect(res.data?.me).toEqual({ name: "苏州市住建局", department: "HOUSING_CONSTRUCTION", regionCode: "320500" });
    // The second call finds the same agency row.
    const again = await t.gql(`{ me { id } }`, {}, await token());
    const rows = await t.sql(`SELECT id FROM agency WHERE external_id = $1`, [`${ISSUER}#szzj-01`]);
    expect(rows).toEqual([{ id: again.data?.me.id }]);
  });

  it.each([
    ["a bad signature", { key: undefined as KeyLike | undefined, other: true }],
    ["a wrong audience", { audience: "someone-else" }],
    ["a wrong issuer", { issuer: "https://evil.example" }],
    ["a past expiry", { expires: Math.floor(Date.now() / 1000) - 3600 }],
    ["an unknown department", { claims: { department: "POLICE" } }],
    // The issuer's own key, but not the configured algorithm (HUB_JWT_ALGORITHM, RS256 by default).
    ["another algorithm than the configured one", { alg: "PS256" }],
  ])("answers 401 for %s, never public", async (_label, opts: any) => {
    const jwt = await token(opts.other ? { key: otherKey } : opts);
    const res = await t.gql(`{ me { id } }`, {}, jwt);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(res.data).toBeUndefined();
  });

  describe("without the write scope", () => {
    const PENALTY = `mutation($input: PenaltyInput!) { recordPenalty(input: $input) { id } }`;
    const penaltyInput = (creditCode: string) => ({
      creditCode, decisionNumber: `苏住建罚〔2026〕${Math.floor(Math.random() * 1e9)}号`, decidedOn: "2026-01-15",
      violation: "施工现场未设置安全防护", penaltyTypes: ["WARNING"],
    });
    const penaltiesOf = async (creditCode: string) =>
      (await t.sql(`SELECT count(*)::int AS n FROM penalty p JOIN enterprise e ON e.id = p.enterprise_id WHERE e.credit_code = $1`, [creditCode]))[0].n;

    it.each([
      ["a read-only scope claim", { scope: "read" }],
      ["no scope claim at all", { scope: undefined }],
    ])("refuses writes for %s: FORBIDDEN, nothing written, reads still served", async (_label, claims) => {
      const code = await createEnterprise(t, { regionCode: "320505" });
      const jwt = await token({ subject: `reader-${Math.random()}`, claims });
      expect((await t.gql(`{ me { department regionCode } }`, {}, jwt)).data?.me).toEqual({ department: "HOUSING_CONSTRUCTION", regionCode: "320500" });

      const res = await t.gql(PENALTY, { input: penaltyInput(code) }, jwt);
      expect(res.status).toBe(200);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
      expect(res.data ?? null).toBeNull();
      expect(await penaltiesOf(code)).toBe(0);
    });

    it("follows the claims of each token: the same subject loses the right to write when its scope does", async () => {
      const code = await createEnterprise(t, { regionCode: "320505" });
      const subject = `szzj-scoped-${Math.random()}`;
      const writer = await t.gql(PENALTY, { input: penaltyInput(code) }, await token({ subject }));
      expect(writer.errors).toBeUndefined();
      expect(await penaltiesOf(code)).toBe(1);

      const reader = await t.gql(PENALTY, { input: penaltyInput(code) }, await token({ subject, claims: { scope: "read" } }));
      expect(reader.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
      expect(await penaltiesOf(code)).toBe(1);
      const rows = await t.sql(`SELECT scopes FROM agency WHERE external_id = $1`, [`${ISSUER}#${subject}`]);
      expect(rows).toEqual([{ scopes: ["read"] }]);
    });
  });
});

describe("JWT tokens of an issuer configured with a JWKS file", () => {
  let t: TestHub;
  const keys: Record<"current" | "previous" | "stranger", KeyLike> = {} as never;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-jwks-"));

  beforeAll(async () => {
    const current = await generateKeyPair("RS256");
    const previous = await generateKeyPair("RS256");
    keys.current = current.privateKey;
    keys.previous = previous.privateKey;
    keys.stranger = (await generateKeyPair("RS256")).privateKey;
    // Two published keys, as during a key rotation at the identity provider.
    const jwks = {
      keys: [
        { ...(await exportJWK(current.publicKey)), kid: "2026-11", alg: "RS256", use: "sig" },
        { ...(await exportJWK(previous.publicKey)), kid: "2026-05", alg: "RS256", use: "sig" },
      ],
    };
    const jwksFile = path.join(dir, "jwks.json");
    fs.writeFileSync(jwksFile, JSON.stringify(jwks));
    t = await startTestHub({ env: { HUB_JWT_ISSUER: ISSUER, HUB_JWT_JWKS_FILE: jwksFile } });
  });
  afterAll(async () => {
    await t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function token(kid: string, key: KeyLike, subject = "ntyj-01") {
    return new SignJWT({ department: "EMERGENCY_MANAGEMENT", region: "320600", scope: "read write", name: "南通市应急管理局" })
      .setProtectedHeader({ alg: "RS256", kid })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setAudience("credit-hub")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(key);
  }

  it.each([
    ["the current key", "2026-11", "current"],
    ["the previous key", "2026-05", "previous"],
  ] as const)("accepts a token signed with %s of the set", async (_label, kid, which) => {
    const res = await t.gql(`{ me { name department regionCode } }`, {}, await token(kid, keys[which]));
    expect(res.status).toBe(200);
    expect(res.data?.me).toEqual({ name: "南通市应急管理局", department: "EMERGENCY_MANAGEMENT", regionCode: "320600" });
  });

  it("lets such a token write as its agency", async () => {
    const code = await createEnterprise(t, { regionCode: "320602" });
    const res = await t.gql(
      `mutation($input: PenaltyInput!) { recordPenalty(input: $input) { id } }`,
      { input: { creditCode: code, decisionNumber: "通应急罚〔2026〕7号", decidedOn: "2026-01-15", violation: "未开展应急演练", penaltyTypes: ["WARNING"] } },
      await token("2026-11", keys.current, "ntyj-writer"),
    );
    expect(res.errors).toBeUndefined();
    const rows = await t.sql(
      `SELECT a.external_id AS "externalId" FROM penalty p JOIN agency a ON a.id = p.agency_id WHERE p.id = $1`,
      [res.data?.recordPenalty.id],
    );
    expect(rows).toEqual([{ externalId: `${ISSUER}#ntyj-writer` }]);
  });

  it.each([
    ["a key outside the set under a known kid", "2026-11", "stranger"],
    ["a key of the set under the other key's kid", "2026-05", "current"],
    ["an unknown kid", "1999-01", "current"],
  ] as const)("answers 401 for %s, never public", async (_label, kid, which) => {
    const res = await t.gql(`{ me { id } }`, {}, await token(kid, keys[which]));
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(res.data).toBeUndefined();
  });
});

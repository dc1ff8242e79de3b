import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SignJWT, exportSPKI, generateKeyPair, type KeyLike } from "jose";
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

  function token(options: { key?: KeyLike; audience?: string; issuer?: string; expires?: string | number; claims?: Record<string, unknown> } = {}) {
    return new SignJWT({ department: "HOUSING_CONSTRUCTION", region: "320500", scope: "read write", name: "苏州市住建局", ...options.claims })
      .setProtectedHeader({ alg: "RS256" })
      .setSubject("szzj-01")
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
  ])("answers 401 for %s, never public", async (_label, opts: any) => {
    const jwt = await token(opts.other ? { key: otherKey } : opts);
    const res = await t.gql(`{ me { id } }`, {}, jwt);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(res.data).toBeUndefined();
  });
});

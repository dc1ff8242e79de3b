import { createHash } from "node:crypto";
import { creditCodeCheckChar } from "../../../src/shared/identifiers";
import { runHubCli } from "../../helpers/cli";
import { createEnterprise } from "../../helpers/factories";
import { newCreditCode } from "../../helpers/identifiers";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const MINE = `{ myEnterprise { creditCode name } me { id } }`;

/** `hub subject …`: an operator issues, lists and revokes enterprises' own keys while the hub runs. */
describe("hub subject", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.stop());

  /** Runs `hub …` in-process against the test hub's database (never the DATABASE_URL of the suite when it is embedded). */
  async function hub(...args: string[]) {
    const env: Record<string, string | undefined> = { ...t.databaseEnv };
    if (!("DATABASE_URL" in env)) env.DATABASE_URL = undefined;
    return runHubCli(env, ...args);
  }
  const keysOf = (code: string) =>
    t.sql<{ id: string; keyHash: string; revokedAt: Date | null }>(
      `SELECT k.id, k.key_hash AS "keyHash", k.revoked_at AS "revokedAt" FROM subject_key k JOIN enterprise e ON e.id = k.enterprise_id WHERE e.credit_code = $1`,
      [code],
    );
  const allKeys = async () => (await t.sql(`SELECT count(*)::int AS n FROM subject_key`))[0].n;

  it("issues a key that the running hub accepts, stores only its sha256, lists it active, and refuses it once revoked", async () => {
    const code = await createEnterprise(t, { name: "苏州测试机械有限公司" });
    const created = await hub("subject", "create", "--credit-code", code, "--json");
    expect(created.exitCode).toBe(0);
    const issued = JSON.parse(created.output);
    expect(issued).toEqual({ id: expect.any(String), creditCode: code, token: expect.stringMatching(/^hubs_[\w-]{43}$/) });

    // The key works at once against the running hub, as that enterprise.
    const mine = await t.gql(MINE, {}, issued.token);
    expect(mine.status).toBe(200);
    expect(mine.data).toEqual({ myEnterprise: { creditCode: code, name: "苏州测试机械有限公司" }, me: null });

    // Only its hash is stored.
    const rows = await keysOf(code);
    expect(rows).toEqual([{ id: issued.id, keyHash: expect.any(String), revokedAt: null }]);
    expect(rows[0].keyHash).not.toBe(issued.token);
    expect(rows[0].keyHash).not.toContain(issued.token.slice(5));
    expect(rows[0].keyHash).toBe(createHash("sha256").update(issued.token).digest("hex"));

    // Listed active, without the key or its hash.
    const listed = await hub("subject", "list", "--json");
    expect(listed.output).not.toContain(issued.token);
    expect(listed.output).not.toContain(rows[0].keyHash);
    const entry = (JSON.parse(listed.output) as Record<string, unknown>[]).find((k) => k.id === issued.id);
    expect(entry).toEqual({ id: issued.id, creditCode: code, enterpriseName: "苏州测试机械有限公司", createdAt: expect.any(String), revokedAt: null });
    expect((await hub("subject", "list")).output).toMatch(new RegExp(`^${issued.id}\\s+${code}\\s+active\\s+苏州测试机械有限公司$`, "m"));

    // Revoked: refused from the next call on, 401 and never public.
    const revoked = await hub("subject", "revoke", issued.id);
    expect(revoked.exitCode).toBe(0);
    expect(revoked.output).toBe(`revoked subject key ${issued.id} (${code})`);
    const after = await t.gql(MINE, {}, issued.token);
    expect(after.status).toBe(401);
    expect(after.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(after.data).toBeUndefined();
    const relisted = (JSON.parse((await hub("subject", "list", "--json")).output) as Record<string, unknown>[]).find((k) => k.id === issued.id);
    expect(relisted?.revokedAt).toEqual(expect.any(String));
    expect((await hub("subject", "list")).output).toMatch(new RegExp(`^${issued.id}\\s+${code}\\s+revoked \\d{4}-\\d\\d-\\d\\dT`, "m"));
  });

  it("keeps an enterprise's other keys working when one is revoked, and the first revocation date when revoked twice", async () => {
    const code = await createEnterprise(t);
    const first = JSON.parse((await hub("subject", "create", "--credit-code", code, "--json")).output);
    const second = JSON.parse((await hub("subject", "create", "--credit-code", code, "--json")).output);
    expect(second.token).not.toBe(first.token);
    await hub("subject", "revoke", first.id);
    const [{ revokedAt }] = (await keysOf(code)).filter((k) => k.id === first.id);
    expect(revokedAt).toBeInstanceOf(Date);
    await hub("subject", "revoke", first.id);
    expect((await keysOf(code)).find((k) => k.id === first.id)?.revokedAt).toEqual(revokedAt);
    expect((await t.gql(MINE, {}, first.token)).status).toBe(401);
    expect((await t.gql(MINE, {}, second.token)).data?.myEnterprise).toEqual({ creditCode: code, name: expect.any(String) });
  });

  it("accepts the credit code with surrounding blanks and in lower case (as an operator may paste it)", async () => {
    // A code with letters, so that lower-casing it changes it.
    const code = await createEnterprise(t, { creditCode: withLetters() });
    const issued = JSON.parse((await hub("subject", "create", "--credit-code", `  ${code.toLowerCase()} `, "--json")).output);
    expect(issued.creditCode).toBe(code);
    expect((await t.gql(MINE, {}, issued.token)).data?.myEnterprise?.creditCode).toBe(code);
  });

  it("refuses a valid credit code the hub does not know, naming it (NOT_FOUND), and stores no key", async () => {
    const unknown = newCreditCode();
    const before = await allKeys();
    await expect(hub("subject", "create", "--credit-code", unknown, "--json")).rejects.toThrow(`creditCode: No enterprise with credit code ${unknown}.`);
    expect(await allKeys()).toBe(before);
  });

  it.each([
    ["too short", "not-a-code", /^creditCode: A unified social credit code has 18 characters; "NOT-A-CODE" has 10\.$/],
    ["outside the alphabet", "91320102MA1OOOOOOO", /^creditCode: .*outside the credit code alphabet/],
    ["failing its check character", "wrong-check", /^creditCode: ".{18}" fails the GB 32100 check: the last character should be ./],
  ])("refuses a malformed credit code (%s) with a clear message, storing no key", async (_label, given, message) => {
    let code = given;
    if (given === "wrong-check") {
      const valid = newCreditCode();
      code = valid.slice(0, 17) + (valid[17] === "0" ? "1" : "0");
    }
    const before = await allKeys();
    await expect(hub("subject", "create", "--credit-code", code)).rejects.toThrow(message);
    expect(await allKeys()).toBe(before);
  });

  it.each([
    ["an unknown key id", "00000000-0000-4000-8000-000000000000"],
    ["an id that is not a UUID", "abc"],
  ])("refuses to revoke %s, naming it", async (_label, id) => {
    await expect(hub("subject", "revoke", id)).rejects.toThrow(`id: No subject key with id ${id}.`);
  });
});

/** A valid credit code whose organisation code has letters (MA…), unique per call. */
function withLetters(): string {
  const digits = newCreditCode().slice(0, 17);
  const first17 = `${digits.slice(0, 8)}MA${digits.slice(10)}`;
  return first17 + creditCodeCheckChar(first17)!;
}


import path from "node:path";
import { ConfigError, loadConfig } from "../../src/config";

describe("configuration", () => {
  it("has working defaults", () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve(".data"));
    expect(config.disclosureYears).toBe(3);
  });

  it("names every bad variable in one line", () => {
    const load = () => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", HUB_DISCLOSURE_YEARS: "0" });
    expect(load).toThrow(ConfigError);
    let message = "";
    try {
      load();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toContain("\n");
    expect(message).toMatch(/PORT="eighty"/);
    expect(message).toMatch(/DATABASE_URL="mysql:\/\/x" must be a postgres/);
    expect(message).toMatch(/HUB_DISCLOSURE_YEARS="0"/);
  });

  it("requires exactly one key source with a JWT issuer", () => {
    expect(() => loadConfig({ HUB_JWT_ISSUER: "https://ids" })).toThrow(/HUB_JWT_ISSUER="https:\/\/ids" needs exactly one/);
    expect(() => loadConfig({ HUB_JWT_JWKS_FILE: "keys.json" })).toThrow(/HUB_JWT_JWKS_FILE="keys.json" needs HUB_JWT_ISSUER/);
    expect(loadConfig({ HUB_JWT_ISSUER: "https://ids", HUB_JWT_JWKS_FILE: "k.json" }).jwt).toMatchObject({ issuer: "https://ids", audience: "credit-hub" });
  });
});

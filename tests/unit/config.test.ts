import path from "node:path";
import { ConfigError, loadConfig } from "../../src/config";

describe("configuration", () => {
  it("has working defaults", () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve(".data"));
    expect(config.publication).toEqual({ generalMonths: 12, seriousMonths: 36 });
  });

  it("is production-safe without NODE_ENV, and says when production was declared", () => {
    expect(loadConfig({})).toMatchObject({ env: "production", productionDeclared: false });
    expect(loadConfig({ NODE_ENV: "" })).toMatchObject({ env: "production", productionDeclared: false });
    expect(loadConfig({ NODE_ENV: "production", HUB_AUDIT_KEY_FILE: "audit.key", HUB_CREDIT_REPORT_KEY_FILE: "credit-report.key" })).toMatchObject({ env: "production", productionDeclared: true });
    expect(loadConfig({ NODE_ENV: "development" })).toMatchObject({ env: "development", productionDeclared: false });
  });

  it("has slow-client and failed-authentication limits, with headers inside the request timeout", () => {
    expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_000 });
    expect(loadConfig({}).authFailureLimit).toEqual({ perSecond: 1, burst: 20 });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: "60000", HTTP_REQUEST_TIMEOUT_MS: "30000" })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS="60000" must not exceed HTTP_REQUEST_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: "0" })).toThrow(/HTTP_MAX_CONNECTIONS="0"/);
  });

  it("names every bad variable in one line", () => {
    const load = () => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", HUB_PUBLICATION_GENERAL_MONTHS: "0" });
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
    expect(message).toMatch(/HUB_PUBLICATION_GENERAL_MONTHS="0"/);
  });

  it("requires exactly one key source with a JWT issuer", () => {
    expect(() => loadConfig({ HUB_JWT_ISSUER: "https://ids" })).toThrow(/HUB_JWT_ISSUER="https:\/\/ids" needs exactly one/);
    expect(() => loadConfig({ HUB_JWT_JWKS_FILE: "keys.json" })).toThrow(/HUB_JWT_JWKS_FILE="keys.json" needs HUB_JWT_ISSUER/);
    expect(loadConfig({ HUB_JWT_ISSUER: "https://ids", HUB_JWT_JWKS_FILE: "k.json" }).jwt).toMatchObject({ issuer: "https://ids", audience: "credit-hub" });
  });

  it("keeps the access log key outside the database: named in production, else beside the embedded files", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/^invalid configuration: HUB_AUDIT_KEY_FILE is required with NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: "production", HUB_AUDIT_KEY_FILE: "/etc/hub/audit.key", HUB_CREDIT_REPORT_KEY_FILE: "/etc/hub/credit-report.key" }).audit).toEqual({
      keyFile: "/etc/hub/audit.key", keyFileGiven: true, checkpointSeconds: 60,
    });
    expect(loadConfig({ HUB_DATA_DIR: "/var/hub" }).audit).toMatchObject({ keyFile: path.join("/var/hub", "audit.key"), keyFileGiven: false });
  });

  it("keeps the credit report signing key outside the database too, and has the public URL and the report font", () => {
    expect(() => loadConfig({ NODE_ENV: "production", HUB_AUDIT_KEY_FILE: "/etc/hub/audit.key" })).toThrow(/HUB_CREDIT_REPORT_KEY_FILE is required with NODE_ENV=production/);
    expect(loadConfig({ HUB_DATA_DIR: "/var/hub" }).creditReports).toMatchObject({ keyFile: path.join("/var/hub", "credit-report.key"), keyFileGiven: false, fontName: "NotoSansCJKsc-Regular" });
    expect(loadConfig({}).publicUrl).toBe("http://127.0.0.1:4000");
    expect(loadConfig({ HUB_PUBLIC_URL: "https://credit.example.gov.cn/hub/" }).publicUrl).toBe("https://credit.example.gov.cn/hub");
    expect(() => loadConfig({ HUB_PUBLIC_URL: "https://x.example/?a=1" })).toThrow(/HUB_PUBLIC_URL=/);
  });

  it("checks the checkpoint interval", () => {
    expect(loadConfig({ HUB_AUDIT_CHECKPOINT_SECONDS: "5" }).audit.checkpointSeconds).toBe(5);
    expect(() => loadConfig({ HUB_AUDIT_CHECKPOINT_SECONDS: "0" })).toThrow(/HUB_AUDIT_CHECKPOINT_SECONDS="0"/);
  });
});

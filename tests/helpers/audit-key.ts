import { randomBytes } from "node:crypto";
import path from "node:path";
import { createSecretFileOnce } from "../../src/shared/secret-file";

/**
 * One access log key file for every hub and CLI run of the tests: a test hub, a hub process and
 * `hub audit verify` on the same database must share the chain's key. It lives in the tests'
 * output folder (git-ignored), not in the temporary folder, which the tests leave empty.
 */
export function testAuditKeyFile(): string {
  const file = path.join(__dirname, "../output/test-audit.key");
  createSecretFileOnce(file, () => randomBytes(48).toString("base64"));
  return file;
}

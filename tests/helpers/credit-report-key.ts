import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * One credit report signing key file for every hub of the tests (as testAuditKeyFile), so that no
 * test hub writes a key under the project's default data folder.
 */
export function testCreditReportKeyFile(): string {
  // In the tests' output folder (git-ignored): the temporary folder is left empty by the tests.
  const dir = path.join(__dirname, "../output");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "test-credit-report.key");
  if (!fs.existsSync(file)) {
    try {
      const { privateKey } = generateKeyPairSync("ed25519");
      fs.writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  return file;
}

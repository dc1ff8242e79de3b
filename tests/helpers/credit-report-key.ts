import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * One credit report signing key file for every hub of the tests (as testAuditKeyFile), so that no
 * test hub writes a key under the project's default data folder.
 */
export function testCreditReportKeyFile(): string {
  const file = path.join(os.tmpdir(), "credit-hub-test-credit-report.key");
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

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * One access log key file for every hub and CLI run of the tests: a test hub, a hub process and
 * `hub audit verify` on the same database must share the chain's key. It lives in the tests'
 * output folder (git-ignored), not in the temporary folder, which the tests leave empty.
 */
export function testAuditKeyFile(): string {
  const dir = path.join(__dirname, "../output");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "test-audit.key");
  if (!fs.existsSync(file)) {
    try {
      fs.writeFileSync(file, randomBytes(48).toString("base64"), { mode: 0o600, flag: "wx" });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  return file;
}

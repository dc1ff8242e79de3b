import path from "node:path";
import { newSigningKeyPem } from "../../src/modules/credit-report/credit-report-key";
import { createSecretFileOnce } from "../../src/shared/secret-file";

/**
 * One credit report signing key file for every hub of the tests (as testAuditKeyFile), so that no
 * test hub writes a key under the project's default data folder. In the tests' output folder
 * (git-ignored): the temporary folder is left empty by the tests.
 */
export function testCreditReportKeyFile(): string {
  const file = path.join(__dirname, "../output/test-credit-report.key");
  createSecretFileOnce(file, newSigningKeyPem);
  return file;
}

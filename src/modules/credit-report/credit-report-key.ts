import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import type { Config } from "../../config";
import type { Logger } from "../../shared/logger";
import { createSecretFileOnce } from "../../shared/secret-file";

/** The key that signs credit reports, and its public half as anyone may fetch it. */
export interface CreditReportKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as SPKI PEM (GET /.well-known/credit-report-signing-key). */
  publicKeyPem: string;
}

/** A new Ed25519 signing key as PKCS#8 PEM, the form loadCreditReportKey reads. */
export const newSigningKeyPem = (): string => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();

/**
 * The credit reports' signing key: an Ed25519 private key (PKCS#8 PEM, e.g.
 * `openssl genpkey -algorithm ed25519 -out credit-report.key`), read once at start-up from a file
 * outside the database, so whoever can write the report table cannot sign a forged report.
 * Without HUB_CREDIT_REPORT_KEY_FILE (never in production: config refuses) the key is
 * `<dataDir>/credit-report.key`, created on a hub's first start and announced in the log, as the
 * access log's key is. Any other key type is refused: verifiers are told the algorithm is Ed25519.
 */
export function loadCreditReportKey(config: Config, options: { createWith?: Logger } = {}): CreditReportKey {
  const file = config.creditReports.keyFile;
  if (!fs.existsSync(file)) {
    if (config.creditReports.keyFileGiven || !options.createWith) throw new Error(`the credit report signing key ${file} does not exist (HUB_CREDIT_REPORT_KEY_FILE)`);
    if (createSecretFileOnce(file, newSigningKeyPem)) {
      options.createWith.warn({ file }, "created a new credit report signing key; keep it outside the database and back it up (HUB_CREDIT_REPORT_KEY_FILE)");
    }
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(fs.readFileSync(file, "utf8"));
  } catch {
    throw new Error(`the credit report signing key ${file} is not a PEM private key (HUB_CREDIT_REPORT_KEY_FILE)`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error(`the credit report signing key ${file} is ${privateKey.asymmetricKeyType}, not Ed25519 (HUB_CREDIT_REPORT_KEY_FILE)`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

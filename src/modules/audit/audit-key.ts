import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { Config } from "../../config";
import type { Logger } from "../../shared/logger";
import { createSecretFileOnce } from "../../shared/secret-file";

const MIN_KEY_BYTES = 32;

/**
 * The access log's chain key, read once at start-up from a file outside the database: whoever
 * can write the log's tables but not read this file cannot re-hash the chain or sign a checkpoint.
 * The key is the file's text without surrounding whitespace (e.g. `openssl rand -base64 48`), at
 * least 32 bytes. Without HUB_AUDIT_KEY_FILE (never in production: config refuses) the key is
 * `<dataDir>/audit.key`, created on a hub's first start beside, not inside, the embedded database
 * files (`<dataDir>/pgdata`), and announced in the log.
 */
export function loadAuditKey(config: Config, options: { createWith?: Logger } = {}): Buffer {
  const file = config.audit.keyFile;
  if (!fs.existsSync(file)) {
    // Only a starting hub makes a key: a check against a key made up on the spot would prove nothing.
    if (config.audit.keyFileGiven || !options.createWith) throw new Error(`the access log key ${file} does not exist (HUB_AUDIT_KEY_FILE)`);
    if (createSecretFileOnce(file, () => `${randomBytes(48).toString("base64")}\n`)) {
      options.createWith.warn({ file }, "created a new access log key; keep it outside the database and back it up (HUB_AUDIT_KEY_FILE)");
    }
  }
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "utf8");
  if (key.length < MIN_KEY_BYTES) throw new Error(`the access log key in ${file} is shorter than ${MIN_KEY_BYTES} bytes`);
  return key;
}

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../../config";
import type { Logger } from "../../shared/logger";

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
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, `${randomBytes(48).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
      options.createWith.warn({ file }, "created a new access log key; keep it outside the database and back it up (HUB_AUDIT_KEY_FILE)");
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "utf8");
  if (key.length < MIN_KEY_BYTES) throw new Error(`the access log key in ${file} is shorter than ${MIN_KEY_BYTES} bytes`);
  return key;
}

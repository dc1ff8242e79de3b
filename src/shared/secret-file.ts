import fs from "node:fs";
import path from "node:path";

/**
 * Writes a new secret file (owner-only: 0600, its folder 0700) unless the file exists, and says
 * whether this call made it. Processes starting together may race to make the same key: the
 * first file written wins (`wx`) and the others use it, so they all sign and check with one key.
 * `contents` runs only when the file is to be written.
 */
export function createSecretFileOnce(file: string, contents: () => string): boolean {
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, contents(), { mode: 0o600, flag: "wx" });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
}

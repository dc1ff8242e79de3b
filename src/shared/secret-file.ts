import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Makes a new secret file (owner-only, 0600; a folder it has to create is 0700) unless the file
 * exists, and says whether this call made it. Processes starting together may race to make the
 * same key: the contents are written whole to a temporary file beside it, which is then linked
 * into place, so a process never reads a half-written key, and the first link wins (the others
 * find the file there and use it). `contents` runs only when there is no file yet.
 */
export function createSecretFileOnce(file: string, contents: () => string): boolean {
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const draft = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  fs.writeFileSync(draft, contents(), { mode: 0o600, flag: "wx" });
  try {
    fs.linkSync(draft, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

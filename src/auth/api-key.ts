import { createHash, randomBytes } from "node:crypto";

const PREFIX = "hub_";
/** An enterprise's own key (a subject key) has its own prefix, so one lookup finds its holder. */
const SUBJECT_PREFIX = "hubs_";

/** A new API key: 256 random bits, shown once to whoever creates the agency. */
export function generateApiKey(): string {
  return PREFIX + randomBytes(32).toString("base64url");
}

/**
 * Keys are 256-bit random values, so a fast hash cannot be brute-forced and lets a request
 * find its agency with one index probe; a slow password hash would buy nothing here.
 */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(PREFIX);
}

/** A new subject key: 256 random bits, shown once to the operator who issues it. */
export function generateSubjectKey(): string {
  return SUBJECT_PREFIX + randomBytes(32).toString("base64url");
}

export function looksLikeSubjectKey(token: string): boolean {
  return token.startsWith(SUBJECT_PREFIX);
}

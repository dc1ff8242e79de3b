import type { Actor } from "../../auth/actor";
import type { StoredCreditReport } from "./credit-report.type";

/** The report number: JSXY-<year, China time>-<sequence, at least 6 digits>, e.g. JSXY-2026-000123. */
export const reportNumber = (issuedAt: Date, seq: number): string =>
  `JSXY-${new Date(issuedAt.getTime() + 8 * 3_600_000).getUTCFullYear()}-${String(seq).padStart(6, "0")}`;

/**
 * Verification codes: 8 characters of the 32 symbols 2–9 and A–Z without I and O (so none of
 * 0/O, 1/I/L can be mistaken; each random byte's low 5 bits pick one without bias): 40 bits,
 * typed from paper without doubt. Guessing online is bounded by the rate limits.
 */
const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const VERIFICATION_CODE_PATTERN = /^[2-9A-HJ-NP-Z]{8}$/;

export function newVerificationCode(random: Buffer): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[random[i] & 31];
  return code;
}

/** A code as people type it: case and surrounding space do not matter. */
export const normalizeCode = (code: string): string => code.trim().toUpperCase().slice(0, 64);

/**
 * Who may fetch a stored report's PDF: whoever issued it — the issuing agency (any of its keys),
 * or, for a report the enterprise issued about itself, that enterprise (any of its keys). No one
 * else, not even the enterprise for a department's report: the PDF holds what the issuer's
 * audience could read (a department's report may hold what the subject may not read, e.g. the
 * risk assessment), so it goes no further than a read by the issuer would. Anyone may still
 * check any report's authenticity with its number and code (verifyCreditReport, /verify).
 */
export function mayFetchReport(actor: Actor, report: Pick<StoredCreditReport, "issuerKind" | "agencyId" | "enterpriseId">): boolean {
  if (report.issuerKind === "agency") return actor.kind === "agency" && actor.agencyId === report.agencyId;
  return actor.kind === "subject" && actor.enterpriseId === report.enterpriseId;
}

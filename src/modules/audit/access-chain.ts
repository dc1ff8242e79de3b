import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface AccessRecordContent {
  at: Date;
  agencyId: string | null;
  operationName: string | null;
  purpose: string | null;
  subjects: string[];
  persons: string[];
  sensitiveFields: string[];
  deniedFields: string[];
}

/** The record as hashed: fixed field order, sorted sets, millisecond ISO time. */
export function canonical(r: AccessRecordContent): string {
  return JSON.stringify([
    r.at.toISOString(), r.agencyId, r.operationName, r.purpose,
    [...r.subjects].sort(), [...r.persons].sort(), [...r.sensitiveFields].sort(), [...r.deniedFields].sort(),
  ]);
}

/** hash = sha256(previousHash ‖ canonical record) */
export function chainHash(previousHash: string, record: AccessRecordContent): string {
  return createHash("sha256").update(previousHash).update(canonical(record)).digest("hex");
}

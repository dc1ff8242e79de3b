import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/**
 * Chain formats. 1: sha256(previousHash ‖ record), anyone can recompute it, so anyone who can
 * write the table can rewrite history unseen; kept only to verify records written before keys.
 * 2: HMAC-SHA256(key, previousHash ‖ record) with a key held outside the database.
 */
export const UNKEYED_CHAIN = 1;
export const KEYED_CHAIN = 2;
export type ChainVersion = typeof UNKEYED_CHAIN | typeof KEYED_CHAIN;

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

/** Format 1: hash = sha256(previousHash ‖ canonical record). */
export function chainHash(previousHash: string, record: AccessRecordContent): string {
  return createHash("sha256").update(previousHash).update(canonical(record)).digest("hex");
}

/** Format 2: hash = HMAC-SHA256(key, previousHash ‖ canonical record). */
export function keyedChainHash(key: Buffer, previousHash: string, record: AccessRecordContent): string {
  return createHmac("sha256", key).update(previousHash).update(canonical(record)).digest("hex");
}

export interface CheckpointContent {
  id: string;
  at: Date;
  lastId: string | null;
  lastHash: string;
  records: number;
}

/**
 * A checkpoint's signature: HMAC-SHA256 over its own tagged JSON. The tag keeps it apart from
 * chain hashes made with the same key (those start with 64 hex digits, never with `[`).
 */
export function checkpointSignature(key: Buffer, c: CheckpointContent): string {
  return createHmac("sha256", key)
    .update(JSON.stringify(["access-checkpoint", c.id, c.at.toISOString(), c.lastId, c.lastHash, c.records]))
    .digest("hex");
}

export function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

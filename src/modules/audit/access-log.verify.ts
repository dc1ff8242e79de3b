import type { EntityManager } from "typeorm";
import { type CheckpointContent, GENESIS_HASH, UNKEYED_CHAIN, chainHash, checkpointSignature, keyedChainHash, sameHex } from "./access-chain";
import { ACCESS_COLUMNS, type AccessLogVerification, type AccessRecord } from "./access-record.type";

const VERIFY_BATCH = 5_000;

interface Checkpoint extends CheckpointContent {
  signature: string;
}

/**
 * Checks the access log in one snapshot, naming every break:
 * - each record against the previous one: format 2 by HMAC with the key; format 1 (sha256, no
 *   key) only within the legacy chain that the first valid checkpoint sealed, so re-hashing
 *   without the key is named at the first record it touched, whichever format it claims;
 * - each checkpoint's signature and numbering (1, 2, 3… so that a removed one shows), and that
 *   its record is still there with the signed hash and position: records removed from the end,
 *   a re-hashed chain or a moved head is named by the checkpoint that disagrees;
 * - the chain head against the end of the chain.
 * A non-empty log without any valid checkpoint fails: the checkpoints were removed.
 */
export async function verifyAccessLog(tx: EntityManager, key: Buffer): Promise<AccessLogVerification> {
  const problems: string[] = [];
  const checkpoints: Checkpoint[] = (
    await tx.query(
      `SELECT id::text AS id, at, last_id::text AS "lastId", last_hash AS "lastHash", records::int AS records, signature FROM access_checkpoint ORDER BY id`,
    )
  ).map((c: Checkpoint) => ({ ...c, at: new Date(c.at) }));
  const valid: Checkpoint[] = [];
  let expectedNumber = 1n;
  for (const c of checkpoints) {
    if (BigInt(c.id) !== expectedNumber) problems.push(`checkpoint ${expectedNumber}${BigInt(c.id) - 1n > expectedNumber ? `–${BigInt(c.id) - 1n}` : ""} is missing (removed)`);
    expectedNumber = BigInt(c.id) + 1n;
    if (sameHex(checkpointSignature(key, c), c.signature)) valid.push(c);
    else problems.push(`checkpoint ${c.id}: bad signature (forged or edited: it names record ${c.lastId ?? "none"}, ${c.records} records)`);
  }
  // Records in format 1 are accepted only up to the head the first checkpoint signed.
  const legacyUpTo = valid[0]?.lastId ? BigInt(valid[0].lastId) : 0n;
  const byRecord = new Map<string, Checkpoint[]>();
  for (const c of valid) if (c.lastId) byRecord.set(c.lastId, [...(byRecord.get(c.lastId) ?? []), c]);

  let previous = GENESIS_HASH;
  let position = 0;
  let checked = 0;
  let firstBrokenId: string | null = null;
  let lastId: string | null = null;
  const seen = new Set<string>();
  const named = (id: string | null) => (firstBrokenId ??= id);
  for (;;) {
    const rows: AccessRecord[] = await tx.query(`SELECT ${ACCESS_COLUMNS} FROM access_record a WHERE a.id > $1::bigint ORDER BY a.id LIMIT $2`, [
      lastId ?? "0",
      VERIFY_BATCH,
    ]);
    for (const r of rows) {
      position++;
      const legacy = r.chainVersion === UNKEYED_CHAIN;
      const expected = legacy ? (BigInt(r.id) <= legacyUpTo ? chainHash(previous, r) : null) : keyedChainHash(key, previous, r);
      if (firstBrokenId === null) {
        if (r.previousHash !== previous || expected === null || !sameHex(expected, r.hash)) {
          firstBrokenId = r.id;
          problems.unshift(
            `record ${r.id}: ${
              expected === null ? "unkeyed (sha256) record after the keyed chain began (re-hashed without the key)" : "hash does not match its content and the previous record (edited, re-hashed, or a record before it removed)"
            }`,
          );
        } else checked++;
      }
      for (const c of byRecord.get(r.id) ?? []) {
        seen.add(c.id);
        if (c.lastHash !== r.hash) {
          problems.push(`checkpoint ${c.id}: record ${r.id} no longer has the signed hash (chain re-hashed or head moved)`);
          named(r.id);
        } else if (c.records !== position) {
          problems.push(`checkpoint ${c.id}: signed ${c.records} records up to record ${r.id}, found ${position} (records removed or inserted)`);
          named(r.id);
        }
      }
      previous = r.hash;
      lastId = r.id;
    }
    if (rows.length < VERIFY_BATCH) break;
  }
  for (const c of valid) {
    if (seen.has(c.id)) continue;
    if (c.lastId) {
      problems.push(`checkpoint ${c.id}: record ${c.lastId} is missing (newest records removed)`);
      named(c.lastId);
    } else if (c.lastHash !== GENESIS_HASH || c.records !== 0) {
      // Signed by the key, so written by a hub: a head naming no record must be the empty log's.
      problems.push(`checkpoint ${c.id}: names no record but ${c.records} records`);
    }
  }
  const [head] = await tx.query(`SELECT last_id::text AS "lastId", last_hash AS "lastHash", records::int AS records FROM access_chain_head WHERE id = 1`);
  if (head.lastHash !== previous || head.records !== position || head.lastId !== lastId) {
    problems.push(
      `chain head: names record ${head.lastId ?? "none"} (${head.records} records) but the chain ends at record ${lastId ?? "none"} (${position} records) (head moved or records removed)`,
    );
    named(head.lastId ?? lastId);
  }
  if (position > 0 && valid.length === 0) {
    problems.push("no valid signed checkpoint: the checkpoints were removed (a hub started with its key writes one at once)");
    named(lastId);
  }
  return { ok: problems.length === 0, checked, firstBrokenId, checkpoints: valid.length, problems };
}

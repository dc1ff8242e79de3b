import type { DataSource } from "typeorm";
import { type CheckpointContent, checkpointSignature } from "./access-chain";

/**
 * Signs the chain head into access_checkpoint, numbered 1, 2, 3… without gaps (the number is
 * taken under the head's lock, not from a sequence that a failed insert would skip), so that a
 * removed checkpoint shows too. Returns the checkpoint written, or null when the newest one
 * already names the current head.
 */
export async function writeCheckpoint(db: DataSource, key: Buffer): Promise<(CheckpointContent & { signature: string }) | null> {
  return db.transaction(async (tx) => {
    const [head] = await tx.query(
      `SELECT h.last_id::text AS "lastId", h.last_hash AS "lastHash", h.records::int AS records,
         c.id::text AS "checkpointId", c.last_hash AS "checkpointHash", c.records::int AS "checkpointRecords"
       FROM access_chain_head h
       LEFT JOIN LATERAL (SELECT id, last_hash, records FROM access_checkpoint ORDER BY id DESC LIMIT 1) c ON true
       WHERE h.id = 1 FOR UPDATE OF h`,
    );
    if (head.checkpointId && head.checkpointHash === head.lastHash && head.checkpointRecords === head.records) return null;
    const content: CheckpointContent = {
      id: String(BigInt(head.checkpointId ?? "0") + 1n),
      at: new Date(),
      lastId: head.lastId,
      lastHash: head.lastHash,
      records: head.records,
    };
    const signature = checkpointSignature(key, content);
    await tx.query(`INSERT INTO access_checkpoint (id, at, last_id, last_hash, records, signature) VALUES ($1, $2, $3, $4, $5, $6)`, [
      content.id, content.at, content.lastId, content.lastHash, content.records, signature,
    ]);
    return { ...content, signature };
  });
}

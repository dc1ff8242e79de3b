import type { DataSource } from "typeorm";
import type { Logger } from "../../shared/logger";
import { type AccessRecordContent, chainHash } from "./access-chain";

const FLUSH_EVERY_MS = 200;
const MAX_BATCH = 500;

/**
 * Appends access records in batches, so that logging never costs a statement per request.
 * A batch is one transaction holding the chain head's row lock: several hub instances append to
 * one chain in turn. Records stay queued until their batch commits; stop() drains the queue.
 */
export class AccessLogWriter {
  private queue: AccessRecordContent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private flushing: Promise<void> | null = null;
  /**
   * The last batch that failed after its rows were built: if its connection died around COMMIT,
   * it may have landed. The next attempt looks first, so a batch is never written twice.
   */
  private inDoubt: { lastId: string; lastHash: string; size: number } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly logger: Logger,
  ) {}

  append(record: AccessRecordContent): void {
    this.queue.push(record);
    if (this.queue.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
  }

  /** Writes everything queued so far (one batch at a time). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing) await this.flushing;
    if (this.queue.length === 0) return;
    this.flushing = this.writeBatch().finally(() => (this.flushing = null));
    await this.flushing;
  }

  /** Drains the queue before the database closes. */
  async stop(): Promise<void> {
    for (let attempt = 0; this.queue.length > 0 && attempt < 5; attempt++) await this.flush();
    // No retry after the database closes: a timer left behind would keep the process (or a test) alive.
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length > 0) this.logger.error({ lost: this.queue.length }, "access log: records not written before shutdown");
  }

  private async writeBatch(): Promise<void> {
    let attempt: typeof this.inDoubt = null;
    try {
      if (this.inDoubt) {
        const { lastId, lastHash, size } = this.inDoubt;
        const [{ landed }] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM access_record WHERE id = $1 AND hash = $2) AS landed`, [lastId, lastHash]);
        this.inDoubt = null;
        // Records leave the queue only from its front, once written: the batch is still its first `size`.
        if (landed) this.queue.splice(0, size);
        if (this.queue.length === 0) return;
      }
      const batch = this.queue.slice(0, MAX_BATCH);
      await this.db.transaction(async (tx) => {
        const [head] = await tx.query(`SELECT last_hash AS "lastHash" FROM access_chain_head WHERE id = 1 FOR UPDATE`);
        const ids: string[] = (await tx.query(`SELECT nextval('access_record_id_seq')::text AS id FROM generate_series(1, $1)`, [batch.length])).map(
          (r: { id: string }) => r.id,
        );
        let previous: string = head.lastHash;
        const previousHashes: string[] = [];
        const hashes: string[] = [];
        for (const record of batch) {
          previousHashes.push(previous);
          previous = chainHash(previous, record);
          hashes.push(previous);
        }
        attempt = { lastId: ids[ids.length - 1], lastHash: previous, size: batch.length };
        await tx.query(
          `INSERT INTO access_record (id, at, agency_id, operation_name, purpose, subjects, persons, sensitive_fields, denied_fields, previous_hash, hash)
           SELECT x.id, x.at, x.agency_id, x.operation_name, x.purpose,
             coalesce(string_to_array(nullif(x.subjects, ''), ','), '{}'), coalesce(string_to_array(nullif(x.persons, ''), ',')::uuid[], '{}'),
             coalesce(string_to_array(nullif(x.sensitive, ''), ','), '{}'), coalesce(string_to_array(nullif(x.denied, ''), ','), '{}'),
             x.previous_hash, x.hash
           FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
             AS x(id, at, agency_id, operation_name, purpose, subjects, persons, sensitive, denied, previous_hash, hash)`,
          [ids, batch.map((r) => r.at), batch.map((r) => r.agencyId), batch.map((r) => r.operationName), batch.map((r) => r.purpose),
            batch.map((r) => r.subjects.join(",")), batch.map((r) => r.persons.join(",")), batch.map((r) => r.sensitiveFields.join(",")),
            batch.map((r) => r.deniedFields.join(",")), previousHashes, hashes],
        );
        await tx.query(`UPDATE access_chain_head SET last_id = $1, last_hash = $2, records = records + $3 WHERE id = 1`, [ids[ids.length - 1], previous, batch.length]);
      });
      this.queue.splice(0, batch.length);
    } catch (err) {
      this.inDoubt ??= attempt;
      // Kept queued: the next flush tries again (a database outage must not lose records).
      this.logger.error({ err, queued: this.queue.length }, "access log append failed");
      if (!this.stopped) this.timer ??= setTimeout(() => void this.flush(), 1_000);
    }
    if (this.queue.length > 0 && !this.stopped) this.timer ??= setTimeout(() => void this.flush(), 0);
  }
}

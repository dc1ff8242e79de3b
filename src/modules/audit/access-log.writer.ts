import type { DataSource } from "typeorm";
import type { Logger } from "../../shared/logger";
import { type AccessRecordContent, KEYED_CHAIN, keyedChainHash } from "./access-chain";
import { writeCheckpoint } from "./access-checkpoint";

const MAX_BATCH = 500;

interface Pending {
  record: AccessRecordContent;
  written: () => void;
  failed: (err: unknown) => void;
}

/**
 * Appends access records by group commit: append() resolves once the record's batch has
 * committed, so a response waits for it and no answered read is missing after a crash. Requests
 * that finish while a batch is being written share the next one (one INSERT for all of them).
 * A batch is one transaction holding the chain head's row lock: several hub instances append to
 * one chain in turn. A batch that fails is reported to every request in it (they answer 503:
 * what was not recorded is not handed out). Signed checkpoints of the head are written on start,
 * every `checkpointSeconds` and on stop.
 */
export class AccessLogWriter {
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private checkpointTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly key: Buffer,
    private readonly logger: Logger,
    private readonly checkpointSeconds: number,
  ) {}

  /** Signs the head as found (this seals records written before keys) and schedules checkpoints. */
  async start(): Promise<void> {
    await this.checkpoint();
    this.checkpointTimer = setInterval(() => void this.checkpoint(), this.checkpointSeconds * 1_000);
    this.checkpointTimer.unref();
  }

  append(record: AccessRecordContent): Promise<void> {
    return new Promise((written, failed) => {
      this.queue.push({ record, written, failed });
      this.writing ??= this.drain();
    });
  }

  /** Waits until everything appended so far is written (or has failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Writes what is queued and a last checkpoint, before the database closes. */
  async stop(): Promise<void> {
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    this.checkpointTimer = null;
    await this.flush();
    await this.checkpoint();
  }

  /** Signs the current head unless the newest checkpoint already names it; failures are logged. */
  async checkpoint(): Promise<void> {
    try {
      const written = await writeCheckpoint(this.db, this.key);
      if (written) this.logger.info({ checkpoint: written }, "access log checkpoint");
    } catch (err) {
      this.logger.error({ err }, "access log checkpoint failed");
    }
  }

  private async drain(): Promise<void> {
    // Requests answered in the same turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.writeBatch(batch.map((p) => p.record));
        for (const p of batch) p.written();
      } catch (err) {
        this.logger.error({ err, records: batch.length }, "access log append failed");
        for (const p of batch) p.failed(err);
      }
    }
    this.writing = null;
  }

  private async writeBatch(batch: AccessRecordContent[]): Promise<void> {
    const runner = this.db.createQueryRunner();
    // Counted apart from the statements of the queries themselves (db/statement-counter).
    runner.data = { accessLog: true };
    try {
      await runner.manager.transaction(async (tx) => {
        const [head] = await tx.query(
          `SELECT h.last_hash AS "lastHash", ARRAY(SELECT nextval('access_record_id_seq') FROM generate_series(1, $1))::text[] AS ids
           FROM access_chain_head h WHERE h.id = 1 FOR UPDATE`,
          [batch.length],
        );
        const ids: string[] = head.ids;
        let previous: string = head.lastHash;
        const previousHashes: string[] = [];
        const hashes: string[] = [];
        for (const record of batch) {
          previousHashes.push(previous);
          previous = keyedChainHash(this.key, previous, record);
          hashes.push(previous);
        }
        await tx.query(
          `WITH appended AS (
             INSERT INTO access_record (id, at, agency_id, operation_name, purpose, subjects, persons, sensitive_fields, denied_fields, previous_hash, hash, chain_version)
             SELECT x.id, x.at, x.agency_id, x.operation_name, x.purpose,
               coalesce(string_to_array(nullif(x.subjects, ''), ','), '{}'), coalesce(string_to_array(nullif(x.persons, ''), ',')::uuid[], '{}'),
               coalesce(string_to_array(nullif(x.sensitive, ''), ','), '{}'), coalesce(string_to_array(nullif(x.denied, ''), ','), '{}'),
               x.previous_hash, x.hash, ${KEYED_CHAIN}
             FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
               AS x(id, at, agency_id, operation_name, purpose, subjects, persons, sensitive, denied, previous_hash, hash)
             RETURNING 1)
           UPDATE access_chain_head SET last_id = $12, last_hash = $13, records = records + (SELECT count(*) FROM appended) WHERE id = 1`,
          [ids, batch.map((r) => r.at), batch.map((r) => r.agencyId), batch.map((r) => r.operationName), batch.map((r) => r.purpose),
            batch.map((r) => r.subjects.join(",")), batch.map((r) => r.persons.join(",")), batch.map((r) => r.sensitiveFields.join(",")),
            batch.map((r) => r.deniedFields.join(",")), previousHashes, hashes, ids[ids.length - 1], previous],
        );
      });
    } finally {
      await runner.release();
    }
  }
}

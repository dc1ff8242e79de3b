import type { DataSource } from "typeorm";
import type { Logger } from "../../shared/logger";
import { type AccessRecordContent, KEYED_CHAIN, keyedChainHash } from "./access-chain";
import { writeCheckpoint } from "./access-checkpoint";
import { preparedQuery } from "../../db/prepared";

const MAX_BATCH = 500;
const MAX_IN_FLIGHT = 2;

interface Pending {
  record: AccessRecordContent;
  written: () => void;
  failed: (err: unknown) => void;
}

/**
 * Appends access records by group commit: append() resolves once the record's batch has
 * committed, so a response waits for it and no answered read is missing after a crash. Requests
 * that finish while a batch is being written share the next one (one INSERT for all of them).
 * A batch is appended under the chain head's row lock, in one statement while this instance holds
 * the head: several hub instances append to one chain in turn. A batch that fails is reported to every request in it (they answer 503:
 * what was not recorded is not handed out). Signed checkpoints of the head are written on start,
 * every `checkpointSeconds` and on stop.
 */
export class AccessLogWriter {
  private queue: Pending[] = [];

  /** Records waiting to be written (a metric). */
  get backlog(): number {
    return this.queue.length;
  }
  private writing: Promise<void> | null = null;
  private checkpointTimer: NodeJS.Timeout | null = null;
  /** The head this instance wrote last, while it may still be the chain's head. */
  private head: string | null = null;
  /** Wakes the drain loop while it waits for a batch, so new records need not wait for it. */
  private wake: (() => void) | null = null;
  private wakeScheduled = false;

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
      // A batch is in flight: send what comes in this turn without waiting for it (one wake per turn).
      if (this.wake && !this.wakeScheduled) {
        this.wakeScheduled = true;
        setImmediate(() => {
          this.wakeScheduled = false;
          this.wake?.();
        });
      }
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

  /**
   * Writes batches while records come, up to MAX_IN_FLIGHT at once: the next batch is sent while
   * the one before it commits. It names the head that batch will leave, so the database holds it
   * on the head's row lock until then and appends it next (ids and chain in order); if the batch
   * before it fails, the head is not what it names, it appends nothing and takes the locked path.
   */
  private async drain(): Promise<void> {
    // Requests answered in the same turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    const running = new Set<Promise<void>>();
    while (this.queue.length > 0 || running.size > 0) {
      while (this.queue.length > 0 && running.size < MAX_IN_FLIGHT) {
        const batch = this.queue.splice(0, MAX_BATCH);
        const done: Promise<void> = this.writeBatch(batch.map((p) => p.record)).then(
          () => {
            for (const p of batch) p.written();
          },
          (err) => {
            this.logger.error({ err, records: batch.length }, "access log append failed");
            for (const p of batch) p.failed(err);
          },
        ).finally(() => running.delete(done));
        running.add(done);
      }
      await Promise.race([...running, new Promise<void>((resolve) => (this.wake = resolve))]);
      this.wake = null;
    }
    this.writing = null;
  }

  private async writeBatch(batch: AccessRecordContent[]): Promise<void> {
    // While this instance wrote the head last, one prepared statement appends (one round trip, one
    // commit): it changes nothing unless the head is still the hash this instance wrote. Otherwise
    // (first batch, another instance appended, a failure) the head is read under its lock first.
    if (this.head !== null) {
      try {
        const [{ appended }] = await preparedQuery<{ appended: number }>(this.db, `${APPEND_IF_HEAD} SELECT count(*)::int AS appended FROM moved`,
          this.params(batch, this.head), { accessLog: true });
        if (appended > 0) return;
        this.head = null;
      } catch (err) {
        this.head = null;
        throw err;
      }
    }
    const runner = this.db.createQueryRunner();
    // Counted apart from the statements of the queries themselves (db/statement-counter).
    runner.data = { accessLog: true };
    try {
      await runner.manager.transaction(async (tx) => {
        const [{ lastHash }] = await tx.query(`SELECT last_hash AS "lastHash" FROM access_chain_head WHERE id = 1 FOR UPDATE`);
        await tx.query(`${APPEND_IF_HEAD} SELECT 1 FROM moved`, this.params(batch, lastHash));
      });
    } catch (err) {
      this.head = null;
      throw err;
    } finally {
      await runner.release();
    }
  }

  /** The append's parameters; records this.head as the batch's last hash (the new head once written). */
  private params(batch: AccessRecordContent[], head: string): unknown[] {
    let previous = head;
    const previousHashes: string[] = [];
    const hashes: string[] = [];
    for (const record of batch) {
      previousHashes.push(previous);
      previous = keyedChainHash(this.key, previous, record);
      hashes.push(previous);
    }
    this.head = previous;
    return [batch.map((r) => r.at), batch.map((r) => r.agencyId), batch.map((r) => r.operationName), batch.map((r) => r.purpose),
      batch.map((r) => r.subjects.join(",")), batch.map((r) => r.persons.join(",")), batch.map((r) => r.sensitiveFields.join(",")),
      batch.map((r) => r.deniedFields.join(",")), previousHashes, hashes, head, previous];
  }
}

/**
 * Appends a batch after the head $11 and moves the head to $12, as one statement: `head` locks the
 * head row only if it still holds $11 (re-checked on the newest version after waiting for another
 * writer), and nothing is inserted or moved without it. Ids are taken in the batch's order (volatile
 * select-list functions run after ORDER BY), so the chain runs by id as verification reads it.
 * Each agency's read that disclosed protected fields is also indexed by the enterprises it read
 * (access_subject), for their access history. Reads of public fields only (a list of names, what
 * the public portal shows anyone) are not: indexing every row of every search cost the
 * enterprise list 60 % of its throughput (npm run bench, access log on vs off 0.39).
 */
const APPEND_IF_HEAD = `WITH head AS (SELECT 1 FROM access_chain_head WHERE id = 1 AND last_hash = $11 FOR UPDATE),
  appended AS (
    INSERT INTO access_record (id, at, agency_id, operation_name, purpose, subjects, persons, sensitive_fields, denied_fields, previous_hash, hash, chain_version)
    SELECT nextval('access_record_id_seq'), x.at, x.agency_id, x.operation_name, x.purpose,
      coalesce(string_to_array(nullif(x.subjects, ''), ','), '{}'), coalesce(string_to_array(nullif(x.persons, ''), ',')::uuid[], '{}'),
      coalesce(string_to_array(nullif(x.sensitive, ''), ','), '{}'), coalesce(string_to_array(nullif(x.denied, ''), ','), '{}'),
      x.previous_hash, x.hash, ${KEYED_CHAIN}
    FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
      WITH ORDINALITY AS x(at, agency_id, operation_name, purpose, subjects, persons, sensitive, denied, previous_hash, hash, n)
    WHERE EXISTS (SELECT 1 FROM head)
    ORDER BY x.n
    RETURNING id, agency_id, subjects, sensitive_fields),
  by_subject AS (
    INSERT INTO access_subject (credit_code, record_id)
    SELECT DISTINCT s.code, a.id FROM appended a CROSS JOIN LATERAL unnest(a.subjects) AS s(code)
    WHERE a.agency_id IS NOT NULL AND cardinality(a.sensitive_fields) > 0),
  moved AS (
    UPDATE access_chain_head SET last_id = (SELECT max(id) FROM appended), last_hash = $12, records = records + (SELECT count(*) FROM appended)
    WHERE id = 1 AND EXISTS (SELECT 1 FROM head)
    RETURNING 1)`;

import type { DataSource, EntityManager } from "typeorm";
import type { Actor } from "../../auth/actor";
import type { Department } from "../../auth/department.enums";
import { isDatabaseUnavailable } from "../../db/faults";
import { SqlParams } from "../../db/loader";
import { badInput } from "../../shared/errors";
import { type Page, checkFirst } from "../../shared/pagination";
import type { HubEventKind } from "./event.enums";
import { readableEvents } from "./event.rules";
import { EventSignal } from "./event-signal";
import { EVENT_COLUMNS, type HubEvent } from "./hub-event.type";

/** An event to append: whom it is addressed to, and the records it is about. */
export interface NewEvent {
  kind: HubEventKind;
  departments: readonly Department[];
  enterpriseId: string | null;
  /** The enterprise told as a subject (OBJECTION_* only). */
  subjectEnterpriseId?: string | null;
  sanctionTaskId?: string | null;
  objectionId?: string | null;
  /** Only this agency (of the departments named) reads it: news about its own webhook. */
  agencyId?: string | null;
  tipId?: string | null;
  /** Where it happened, when no enterprise says so (a tip about an enterprise the hub does not know). */
  regionCode?: string | null;
  summary: string;
}

// Any constant key: every transaction that appends events takes this lock just before it does.
const OUTBOX_LOCK = 0x68756265; // "hube"
export const MAX_EVENT_PAGE = 100;
/** The channel on which appends announce themselves (NOTIFY, delivered at commit to every instance). */
export const EVENT_CHANNEL = "hub_event";
/**
 * How long a live reader waits without a wake before it looks anyway: long while the LISTEN
 * connection is up (a wake comes with every commit), short while it is down or absent (the
 * embedded database, or a CLI writing to it, announces nothing this instance hears).
 */
const POLL_MS = { listening: 30_000, deaf: 1_000 };

/**
 * The outbox. Events are appended in the transaction of the change they announce, so an event
 * exists exactly when its change committed. Ids must grow in commit order as readers see them (a
 * reader paging by id must never pass an event that commits later with a smaller id), so an
 * appending transaction takes one advisory lock, held until it commits, before it draws its ids:
 * the next appender draws larger ids only after this one has committed or rolled back. The cost is
 * that appends serialize from that point to commit; callers append as late in their transaction as
 * they can.
 */
export class EventService {
  /** Woken by this instance's LISTEN connection (server/hub.ts). */
  readonly signal = new EventSignal();

  constructor(private readonly db: DataSource) {}

  async append(tx: EntityManager, events: readonly NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [OUTBOX_LOCK]);
    await tx.query(
      `INSERT INTO hub_event (id, kind, enterprise_id, region_code, departments, subject_enterprise, sanction_task_id, objection_id, agency_id, tip_id, summary)
       SELECT nextval('hub_event_id_seq'), x.kind, x.enterprise_id, coalesce(en.region_code, x.region_code), string_to_array(x.departments, ','),
         x.subject_enterprise, x.sanction_task_id, x.objection_id, x.agency_id, x.tip_id, x.summary
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::uuid[], $9::uuid[], $10::char(6)[]) WITH ORDINALITY
         AS x(kind, enterprise_id, departments, subject_enterprise, sanction_task_id, objection_id, summary, agency_id, tip_id, region_code, n)
       LEFT JOIN enterprise en ON en.id = x.enterprise_id
       ORDER BY x.n`,
      [events.map((e) => e.kind), events.map((e) => e.enterpriseId), events.map((e) => e.departments.join(",")),
        events.map((e) => e.subjectEnterpriseId ?? null), events.map((e) => e.sanctionTaskId ?? null),
        events.map((e) => e.objectionId ?? null), events.map((e) => e.summary), events.map((e) => e.agencyId ?? null),
        events.map((e) => e.tipId ?? null), events.map((e) => e.regionCode ?? null)],
    );
    // Delivered to every listening instance when (and only if) this transaction commits.
    await tx.query(`SELECT pg_notify('${EVENT_CHANNEL}', '')`);
  }

  /** The id of the newest committed event: a live-only stream starts after it. */
  async latestId(): Promise<string> {
    const [row] = await this.db.query(`SELECT coalesce(max(id), 0)::text AS id FROM hub_event`);
    return row.id;
  }

  /**
   * The caller's events as they commit: first every event after the cursor (replay), then new
   * ones as they are announced. One cursor moves through both, so the seam has no gap and no
   * duplicate: ids grow in commit order (append). A database outage pauses the stream, which
   * resumes from its last id. `return()` ends it at once, even while it waits.
   */
  stream(actor: Actor, kinds: readonly HubEventKind[] | null, after: string | null): AsyncIterableIterator<HubEvent> {
    // The same checks as the feed, before anything is sent.
    checkCursor(after);
    const abort = new AbortController();
    const read = async function* (this: EventService): AsyncGenerator<HubEvent> {
      let cursor = after ?? (await this.latestId());
      while (!abort.signal.aborted) {
        const seen = this.signal.current;
        let page: Page<HubEvent>;
        try {
          page = await this.feed(actor, kinds, cursor, MAX_EVENT_PAGE);
        } catch (err) {
          if (!isDatabaseUnavailable(err)) throw err;
          await this.signal.wait(-1, 1_000, abort.signal);
          continue;
        }
        for (const e of page.nodes) {
          if (abort.signal.aborted) return;
          cursor = e.id;
          yield e;
        }
        if (!page.hasNextPage) await this.signal.wait(seen, this.signal.listening ? POLL_MS.listening : POLL_MS.deaf, abort.signal);
      }
    }.call(this);
    const done = { done: true, value: undefined } as const;
    return {
      next: () => (abort.signal.aborted ? Promise.resolve(done) : read.next()),
      return: () => {
        abort.abort();
        // The generator finishes by itself once its wait or query returns.
        void read.return(undefined).catch(() => undefined);
        return Promise.resolve(done);
      },
      throw: (err?: unknown) => {
        abort.abort();
        return read.throw(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** The caller's events after the cursor (an event id), oldest first. */
  async feed(actor: Actor, kinds: readonly HubEventKind[] | null, after: string | null, first: number): Promise<Page<HubEvent>> {
    checkFirst(first, MAX_EVENT_PAGE);
    checkCursor(after);
    const params = new SqlParams();
    const where = [readableEvents(actor, params), `e.id > ${params.add(after ?? "0")}::bigint`];
    if (kinds?.length) where.push(`e.kind = ANY(${params.add([...new Set(kinds)])}::text[])`);
    const rows: HubEvent[] = await this.db.query(
      `SELECT ${EVENT_COLUMNS} FROM hub_event e WHERE ${where.join(" AND ")} ORDER BY e.id LIMIT ${params.add(first + 1)}`,
      params.values,
    );
    return {
      nodes: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursorOf: (e) => e.id,
      // The feed is read forward from a cursor; how many there are in all is not its question.
      totalCount: () => {
        throw badInput("totalCount", "events has no totalCount: page with after until hasNextPage is false.");
      },
    };
  }
}

function checkCursor(after: string | null): void {
  if (after !== null && !/^(0|[1-9]\d{0,17})$/.test(after)) throw badInput("after", "after is not an event id returned by events.");
}

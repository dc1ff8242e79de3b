import type { DataSource, EntityManager } from "typeorm";
import type { Actor } from "../../auth/actor";
import type { Department } from "../../auth/department.enums";
import { SqlParams } from "../../db/loader";
import { badInput } from "../../shared/errors";
import { type Page, checkFirst } from "../../shared/pagination";
import type { HubEventKind } from "./event.enums";
import { readableEvents } from "./event.rules";
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
  summary: string;
}

// Any constant key: every transaction that appends events takes this lock just before it does.
const OUTBOX_LOCK = 0x68756265; // "hube"
export const MAX_EVENT_PAGE = 100;

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
  constructor(private readonly db: DataSource) {}

  async append(tx: EntityManager, events: readonly NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [OUTBOX_LOCK]);
    await tx.query(
      `INSERT INTO hub_event (id, kind, enterprise_id, region_code, departments, subject_enterprise, sanction_task_id, objection_id, summary)
       SELECT nextval('hub_event_id_seq'), x.kind, x.enterprise_id, en.region_code, string_to_array(x.departments, ','), x.subject_enterprise,
         x.sanction_task_id, x.objection_id, x.summary
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[]) WITH ORDINALITY
         AS x(kind, enterprise_id, departments, subject_enterprise, sanction_task_id, objection_id, summary, n)
       LEFT JOIN enterprise en ON en.id = x.enterprise_id
       ORDER BY x.n`,
      [events.map((e) => e.kind), events.map((e) => e.enterpriseId), events.map((e) => e.departments.join(",")),
        events.map((e) => e.subjectEnterpriseId ?? null), events.map((e) => e.sanctionTaskId ?? null),
        events.map((e) => e.objectionId ?? null), events.map((e) => e.summary)],
    );
  }

  /** The caller's events after the cursor (an event id), oldest first. */
  async feed(actor: Actor, kinds: readonly HubEventKind[] | null, after: string | null, first: number): Promise<Page<HubEvent>> {
    checkFirst(first, MAX_EVENT_PAGE);
    if (after !== null && !/^(0|[1-9]\d{0,17})$/.test(after)) throw badInput("after", "after is not an event id returned by events.");
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

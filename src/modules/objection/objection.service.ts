import type { DataSource, EntityManager } from "typeorm";
import type { Actor, AgencyActor, SubjectActor } from "../../auth/actor";
import { SqlParams } from "../../db/loader";
import { inTransaction } from "../../db/transaction";
import { addWorkingDays, today } from "../../shared/clock";
import { conflict, forbidden, notFound } from "../../shared/errors";
import { type Page, checkFirst, cursorCodec, cursorInstant } from "../../shared/pagination";
import { isUuid } from "../../shared/uuid";
import { requiredText } from "../../shared/validation";
import type { BlacklistService } from "../blacklist/blacklist.service";
import type { PenaltyService } from "../penalty/penalty.service";
import type { StandingService } from "../standing/standing.service";
import type { WatchlistService } from "../watchlist/watchlist.service";
import type { EventService } from "../event/event.service";
import { HubEventKind } from "../event/event.enums";
import { objectionAddressees } from "../event/event.rules";
import { ObjectionStatus, ObjectionTarget } from "./objection.enums";
import type { ObjectionInput } from "./objection.inputs";
import { mayDecideObjection, mayWithdrawObjection, readableObjections, targetLookup } from "./objection.rules";
import { type Objection, objectionColumns, reviveObjection } from "./objection.type";
import { isUniqueViolation } from "../../db/faults";

const objectionCursor = cursorCodec("objection", ["instant", "uuid"]);
const GROUNDS_MAX = 2000;
const DECISION_MAX = 2000;

// One sentence for "no such objection" and "not yours to decide": the answer must not tell them apart.
const MAY_NOT_DECIDE = "Only the department responsible for the disputed record, or CREDIT_OFFICE, decides an objection; no such objection is yours to decide.";
const MAY_NOT_WITHDRAW = "Only whoever filed an objection may withdraw it; no such objection is yours to withdraw.";

export interface ObjectionFilter {
  status: ObjectionStatus | null;
  overdue: boolean | null;
}

/**
 * 异议处理: the subject (or an agency on its behalf) disputes one record, the record's producer
 * decides within the configured working days, and an upheld objection makes the record stop
 * counting exactly as a revocation does, in the decision's transaction.
 */
export class ObjectionService {
  constructor(
    private readonly db: DataSource,
    private readonly workingDays: number,
    private readonly penalties: PenaltyService,
    private readonly blacklist: BlacklistService,
    private readonly watchlist: WatchlistService,
    private readonly standing: StandingService,
    private readonly events: EventService,
  ) {}

  /**
   * Files an objection. A subject files only about its own enterprise (FORBIDDEN otherwise, before
   * any lookup); the record must be one of that enterprise, of that kind, that the filer reads
   * (NOT_FOUND otherwise, one sentence for all of it); one PENDING objection per record (CONFLICT).
   */
  file(actor: AgencyActor | SubjectActor, input: ObjectionInput): Promise<Objection> {
    const grounds = requiredText(input.grounds, "grounds", GROUNDS_MAX);
    if (actor.kind === "subject" && input.creditCode !== actor.creditCode) {
      throw forbidden("An enterprise files objections about its own records only.");
    }
    const missing = () => notFound(`No ${input.target} record ${input.targetId} of enterprise ${input.creditCode}.`, "targetId");
    return inTransaction(this.db, async (tx) => {
      const [enterprise] = await tx.query(`SELECT id FROM enterprise WHERE credit_code = $1`, [input.creditCode]);
      if (!enterprise) throw missing();
      const params = new SqlParams();
      const day = today();
      const lookup = targetLookup(input.target, input.targetId, enterprise.id, actor, params, day);
      const [record] = lookup ? await tx.query(lookup, params.values) : [];
      if (!record) throw missing();
      const filedBy = actor.kind === "subject" ? "SUBJECT" : actor.department;
      try {
        // The pending-objection index decides between two concurrent filings: the second waits, then is refused.
        const [row] = await tx.query(
          `INSERT INTO objection AS o (tracking_number, enterprise_id, target, target_id, responsible_department, filed_by,
             filed_by_agency, filed_by_subject, grounds, due_on)
           VALUES ('YY' || to_char($10::date, 'YYYYMMDD') || lpad(nextval('objection_number_seq')::text, 6, '0'),
             $1, $2, $3, $4, $5, $6, $7, $8, $9)
           RETURNING ${objectionColumns("$10")}`,
          [enterprise.id, input.target, input.targetId, record.responsible, filedBy, actor.kind === "agency" ? actor.agencyId : null,
            actor.kind === "subject" ? actor.subjectId : null, grounds, addWorkingDays(day, this.workingDays), day],
        );
        await this.announce(tx, HubEventKind.OBJECTION_FILED, row, `Objection ${row.trackingNumber} about ${input.target} of ${input.creditCode}: due ${row.dueOn}.`);
        return row;
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw conflict("An objection about this record is already PENDING; wait for its decision or withdraw it first.", "targetId");
        }
        throw err;
      }
    });
  }

  /**
   * Decides a PENDING objection (the responsible department or CREDIT_OFFICE). UPHELD makes the
   * record stop counting as a revocation does, with the objection as the reason: a penalty is
   * revoked, a listing REMOVED (its tasks close), an accident or a signal void, a breach set aside;
   * grade and risk are recomputed. REJECTED changes nothing else. One transaction.
   */
  decide(actor: AgencyActor, id: string, uphold: boolean, decisionText: string): Promise<Objection> {
    const decision = requiredText(decisionText, "decision", DECISION_MAX);
    return inTransaction(this.db, async (tx) => {
      const objection = await this.lock(tx, id);
      if (!objection || !mayDecideObjection(actor, objection)) throw forbidden(MAY_NOT_DECIDE);
      if (objection.status !== ObjectionStatus.PENDING) throw conflict(`This objection is already ${objection.status}.`, "id");
      if (uphold) await this.setRecordAside(tx, actor, objection, `Objection ${objection.trackingNumber} upheld: ${decision}`);
      const [[decided]] = await tx.query(
        `UPDATE objection o SET status = $2, decided_at = now(), decided_by = $3, decision = $4 WHERE o.id = $1
         RETURNING ${objectionColumns("$5")}`,
        [objection.id, uphold ? ObjectionStatus.UPHELD : ObjectionStatus.REJECTED, actor.department, decision, today()],
      );
      await this.announce(tx, HubEventKind.OBJECTION_DECIDED, decided, `Objection ${decided.trackingNumber} ${decided.status} by ${actor.department}.`);
      return decided;
    });
  }

  /** The filer withdraws its own PENDING objection; the record's mark goes with it. */
  withdraw(actor: AgencyActor | SubjectActor, id: string): Promise<Objection> {
    return inTransaction(this.db, async (tx) => {
      const objection = await this.lock(tx, id);
      if (!objection || !mayWithdrawObjection(actor, objection)) throw forbidden(MAY_NOT_WITHDRAW);
      if (objection.status !== ObjectionStatus.PENDING) throw conflict(`This objection is already ${objection.status}.`, "id");
      const [[withdrawn]] = await tx.query(
        `UPDATE objection o SET status = 'WITHDRAWN', decided_at = now() WHERE o.id = $1 RETURNING ${objectionColumns("$2")}`,
        [objection.id, today()],
      );
      return withdrawn;
    });
  }

  /** `Query.objections`: newest first, as the row rule lets the caller read them. */
  async list(actor: Actor, filter: ObjectionFilter, first: number, after: string | null): Promise<Page<Objection>> {
    checkFirst(first);
    const params = new SqlParams();
    const now = today();
    const where = [readableObjections(actor, params)];
    if (filter.status) where.push(`o.status = ${params.add(filter.status)}`);
    if (filter.overdue != null) where.push(`(o.status = 'PENDING' AND ${params.add(now)}::date > o.due_on) = ${params.add(filter.overdue)}`);
    const counted = [...where];
    const countValues = [...params.values];
    if (after) {
      const [at, lastId] = objectionCursor.decode(after);
      where.push(`(o.filed_at, o.id) < (${params.add(at)}::timestamptz, ${params.add(lastId)}::uuid)`);
    }
    // The count above uses only its own parameters: every parameter of a statement must appear in it.
    const rows: (Objection & { cursorAt: string })[] = await this.db.query(
      `SELECT ${objectionColumns(params.add(now))}, ${cursorInstant("o.filed_at")} AS "cursorAt" FROM objection o
       WHERE ${where.join(" AND ")} ORDER BY o.filed_at DESC, o.id DESC LIMIT ${params.add(first + 1)}`,
      params.values,
    );
    return {
      nodes: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursorOf: (o) => objectionCursor.encode([(o as Objection & { cursorAt: string }).cursorAt, o.id]),
      totalCount: async () =>
        (await this.db.query(`SELECT count(*)::int AS n FROM objection o WHERE ${counted.join(" AND ")}`, countValues))[0].n,
    };
  }

  /** OBJECTION_* go to the responsible department, CREDIT_OFFICE and the subject. */
  private announce(tx: EntityManager, kind: HubEventKind, o: Objection, summary: string): Promise<void> {
    return this.events.append(tx, [{
      kind, departments: objectionAddressees(o.responsibleDepartment), enterpriseId: o.enterpriseId, subjectEnterpriseId: o.enterpriseId,
      objectionId: o.id, summary,
    }]);
  }

  private async lock(tx: EntityManager, id: string): Promise<Objection | null> {
    if (!isUuid(id)) return null;
    const [row] = await tx.query(`SELECT ${objectionColumns("$2")} FROM objection o WHERE o.id = $1 FOR UPDATE`, [id, today()]);
    return row ? reviveObjection(row) : null;
  }

  private async setRecordAside(tx: EntityManager, actor: AgencyActor, o: Objection, reason: string): Promise<void> {
    const recompute = () => this.standing.recompute(tx, [o.enterpriseId]);
    switch (o.target) {
      case ObjectionTarget.PENALTY: {
        const [penalty] = await tx.query(`SELECT revoked_at AS "revokedAt" FROM penalty WHERE id = $1 FOR UPDATE`, [o.targetId]);
        if (penalty.revokedAt) return recompute();
        await this.penalties.revokeIn(tx, o.targetId, reason, actor.agencyId);
        return;
      }
      case ObjectionTarget.BLACKLIST_ENTRY: {
        const entry = await this.blacklist.lockEntry(tx, o.targetId);
        // A PERSON entry ends with the enterprise entry it was listed with.
        const listing = entry.listedWith ?? entry.id;
        await this.blacklist.endEntry(tx, listing, "REMOVED", reason);
        return;
      }
      case ObjectionTarget.WATCHLIST_ENTRY: {
        const entry = await this.watchlist.lock(tx, o.targetId);
        if (entry.status === "ACTIVE") await this.watchlist.end(tx, entry.id, reason);
        else await recompute();
        return;
      }
      case ObjectionTarget.COMMITMENT_BREACH:
        await tx.query(`UPDATE commitment SET breach_set_aside_at = now() WHERE id = $1`, [o.targetId]);
        return recompute();
      case ObjectionTarget.ACCIDENT:
        await tx.query(`UPDATE accident SET voided_at = now() WHERE id = $1`, [o.targetId]);
        return recompute();
      case ObjectionTarget.RISK_SIGNAL:
        await tx.query(`UPDATE risk_signal SET voided_at = now() WHERE id = $1`, [o.targetId]);
        return recompute();
      case ObjectionTarget.CREDIT_GRADE:
        // A grade is computed from the other records: it is recomputed from them as they now stand.
        return recompute();
      default:
        throw new Error(`objection target ${o.target} has no effect defined`);
    }
  }
}

import type { DataSource, EntityManager } from "typeorm";
import type { AgencyActor, SubjectActor } from "../../auth/actor";
import { Department } from "../../auth/department.enums";
import { inTransaction } from "../../db/transaction";
import { SqlParams } from "../../db/loader";
import { today } from "../../shared/clock";
import { badInput, notFound } from "../../shared/errors";
import { type Page, checkFirst, cursorCodec } from "../../shared/pagination";
import { cityOf, regionCondition } from "../../shared/region";
import { isUuid } from "../../shared/uuid";
import { notInFuture } from "../../shared/validation";
import { lockEnterpriseForWrite } from "../enterprise/enterprise.rules";
import { HubEventKind } from "../event/event.enums";
import { SECTOR_SUPERVISORS, listAddressees } from "../event/event.rules";
import type { EventService } from "../event/event.service";
import { watchlistColumns, type WatchlistEntry } from "../watchlist/watchlist-entry.type";
import { ACTION_COLUMNS, type SupervisionAction, type SupervisionActionInput } from "./supervision-action.type";
import { SupervisionActionKind } from "./supervision.enums";
import { escalationCandidate } from "./supervision.rules";

const candidateCursor = cursorCodec("escalation", ["date", "uuid"]);
const MAX_OUTCOME = 2000;

/** A new watchlist entry, as the listing transaction knows it. */
export interface ListedEntry {
  id: string;
  enterpriseId: string;
  listedOn: string;
  /** The listing department; null for the automatic rule (the credit office issues the warning then). */
  listedBy: Department | null;
}

/** Supervision before the blacklist (监管前移): warnings, verification requests, recorded actions, escalation candidates. */
export class SupervisionService {
  constructor(
    private readonly db: DataSource,
    private readonly events: EventService,
  ) {}

  /**
   * In the listing's transaction: the warning to the enterprise (its date is the entry's
   * warningIssuedOn), and one VERIFICATION request per department supervising the sector, in the
   * enterprise's city, each announced to its department (WATCHLIST_VERIFICATION_REQUESTED).
   */
  async openWatchlistEntry(tx: EntityManager, entry: ListedEntry): Promise<void> {
    const [{ name, sector, regionCode }] = await tx.query(`SELECT name, sector, region_code AS "regionCode" FROM enterprise WHERE id = $1`, [entry.enterpriseId]);
    const supervisors = SECTOR_SUPERVISORS[sector] ?? SECTOR_SUPERVISORS.OTHER;
    await tx.query(
      `INSERT INTO supervision_action (enterprise_id, watchlist_entry_id, kind, department, region_code, done_on)
       VALUES ($1, $2, 'WARNING_NOTICE', $3, $4, $5)`,
      [entry.enterpriseId, entry.id, entry.listedBy ?? Department.CREDIT_OFFICE, regionCode, entry.listedOn],
    );
    await tx.query(
      `INSERT INTO supervision_action (enterprise_id, watchlist_entry_id, kind, department, region_code)
       SELECT $1, $2, 'VERIFICATION', d, $4 FROM unnest($3::text[]) AS d`,
      [entry.enterpriseId, entry.id, supervisors, cityOf(regionCode)],
    );
    await this.events.append(tx, supervisors.map((department) => ({
      kind: HubEventKind.WATCHLIST_VERIFICATION_REQUESTED, departments: [department], enterpriseId: entry.enterpriseId,
      summary: `${name} is on the watchlist: ${department} is asked to verify it (核查) in its city.`,
    })));
  }

  /**
   * A department records an action about an enterprise of its region. A VERIFICATION of a
   * watchlist entry completes the department's open request for it, if there is one.
   */
  record(actor: AgencyActor, input: SupervisionActionInput): Promise<SupervisionAction> {
    const outcome = input.outcome == null ? null : input.outcome.trim();
    if (outcome !== null && (outcome.length === 0 || outcome.length > MAX_OUTCOME)) throw badInput("input.outcome", `outcome must be 1 to ${MAX_OUTCOME} characters.`);
    if (input.doneOn) notInFuture(input.doneOn, "input.doneOn");
    for (const key of ["watchlistEntryId", "tipId"] as const) {
      const value = input[key];
      if (value != null && !isUuid(value)) throw badInput(`input.${key}`, `${key} is not an id the hub gave out.`);
    }
    return inTransaction(this.db, async (tx) => {
      const enterprise = await lockEnterpriseForWrite(tx, actor, input.creditCode);
      if (input.watchlistEntryId) {
        const [entry] = await tx.query(`SELECT 1 FROM watchlist_entry WHERE id = $1 AND enterprise_id = $2`, [input.watchlistEntryId, enterprise.id]);
        if (!entry) throw badInput("input.watchlistEntryId", "No watchlist entry of this enterprise has this id.");
      }
      if (input.tipId) {
        const [tip] = await tx.query(`SELECT 1 FROM tip WHERE id = $1 AND $2 = ANY(routed_to)`, [input.tipId, actor.department]);
        if (!tip) throw badInput("input.tipId", "No tip-off routed to your department has this id.");
      }
      if (input.kind === SupervisionActionKind.VERIFICATION && input.watchlistEntryId) {
        const [[done]] = await tx.query(
          `UPDATE supervision_action s SET done_on = $4, outcome = $5, agency_id = $6, planned_on = coalesce($7, planned_on)
           WHERE s.watchlist_entry_id = $1 AND s.kind = 'VERIFICATION' AND s.department = $2 AND s.agency_id IS NULL AND s.done_on IS NULL
             AND ($3 = '320000' OR substr(s.region_code, 1, 4) = substr($3, 1, 4))
           RETURNING ${ACTION_COLUMNS}`,
          [input.watchlistEntryId, actor.department, actor.regionCode, input.doneOn ?? today(), outcome, actor.agencyId, input.plannedOn ?? null],
        );
        if (done) return done;
      }
      const [action] = await tx.query(
        `INSERT INTO supervision_action AS s (enterprise_id, watchlist_entry_id, tip_id, kind, department, region_code, planned_on, done_on, outcome, agency_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${ACTION_COLUMNS}`,
        [enterprise.id, input.watchlistEntryId ?? null, input.tipId ?? null, input.kind, actor.department, enterprise.regionCode,
          input.plannedOn ?? null, input.doneOn ?? null, outcome, actor.agencyId],
      );
      return action;
    });
  }

  /** The enterprise acknowledges a warning addressed to it; another enterprise's warning is NOT_FOUND, like none. Acknowledging twice keeps the first time. */
  async acknowledge(subject: SubjectActor, id: string): Promise<SupervisionAction> {
    const missing = () => notFound("No warning addressed to your enterprise has this id.", "id");
    if (!isUuid(id)) throw missing();
    const [[action]] = await this.db.query(
      `UPDATE supervision_action s SET acknowledged_at = coalesce(s.acknowledged_at, now())
       WHERE s.id = $1 AND s.kind = 'WARNING_NOTICE' AND s.enterprise_id = $2 RETURNING ${ACTION_COLUMNS}`,
      [id, subject.enterpriseId],
    );
    if (!action) throw missing();
    return action;
  }

  /**
   * In the transaction of a penalty or an accident: the enterprise's watchlist entries that have
   * just become escalation candidates are marked and announced (ESCALATION_CANDIDATE, once each,
   * to the sector's supervisors and OVERSIGHT).
   */
  async checkEscalation(tx: EntityManager, enterpriseId: string): Promise<void> {
    const [rows]: [{ id: string }[]] = await tx.query(
      `UPDATE watchlist_entry w SET escalation_announced_at = now()
       WHERE w.enterprise_id = $1 AND w.escalation_announced_at IS NULL AND ${escalationCandidate("$2")} RETURNING w.id`,
      [enterpriseId, today()],
    );
    if (!rows.length) return;
    const [{ name, sector }] = await tx.query(`SELECT name, sector FROM enterprise WHERE id = $1`, [enterpriseId]);
    await this.events.append(tx, rows.map(() => ({
      kind: HubEventKind.ESCALATION_CANDIDATE, departments: listAddressees(sector), enterpriseId,
      summary: `${name} offended again while on the watchlist: a candidate for the blacklist.`,
    })));
  }

  /** `escalationCandidates`: in force entries that qualify, newest listing first, in the region asked for. */
  async candidates(regionCode: string | null, first: number, after: string | null): Promise<Page<WatchlistEntry>> {
    checkFirst(first);
    const params = new SqlParams();
    const now = params.add(today());
    const where = [escalationCandidate(now)];
    const region = regionCode ? regionCondition(regionCode, "regionCode", "e", (v) => params.add(v)) : null;
    if (region) where.push(region);
    const counted = [...where];
    const countValues = [...params.values];
    if (after) {
      const [listedOn, id] = candidateCursor.decode(after);
      where.push(`(w.listed_on, w.id) < (${params.add(listedOn)}::date, ${params.add(id)}::uuid)`);
    }
    const rows: WatchlistEntry[] = await this.db.query(
      `SELECT ${watchlistColumns(now)} FROM watchlist_entry w JOIN enterprise e ON e.id = w.enterprise_id
       WHERE ${where.join(" AND ")} ORDER BY w.listed_on DESC, w.id DESC LIMIT ${params.add(first + 1)}`,
      params.values,
    );
    return {
      nodes: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursorOf: (w) => candidateCursor.encode([w.listedOn, w.id]),
      totalCount: async () =>
        (await this.db.query(`SELECT count(*)::int AS n FROM watchlist_entry w JOIN enterprise e ON e.id = w.enterprise_id WHERE ${counted.join(" AND ")}`, countValues))[0].n,
    };
  }
}

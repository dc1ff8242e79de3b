import type { DataSource, EntityManager } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { inTransaction } from "../../db/transaction";
import type { RuleSettings } from "../../config";
import { addDays, addMonths, today } from "../../shared/clock";
import { badInput, conflict, forbidden } from "../../shared/errors";
import { regionCovers } from "../../shared/region";
import { lockEnterpriseForWrite } from "../enterprise/enterprise.rules";
import type { StandingService } from "../standing/standing.service";
import type { EventService } from "../event/event.service";
import type { SupervisionService } from "../supervision/supervision.service";
import { HubEventKind } from "../event/event.enums";
import { listAddressees } from "../event/event.rules";
import type { BlacklistEntry } from "../blacklist/blacklist-entry.type";
import type { BlacklistService } from "../blacklist/blacklist.service";
import { requiredText } from "../../shared/validation";
import { WatchlistBasis, WatchlistStatus } from "./watchlist.enums";
import { inForce, lockListingEntry } from "../listing/listing.sql";
import type { BlacklistInput } from "../blacklist/blacklist.inputs";
import type { WatchlistInput } from "./watchlist.inputs";
import { WatchlistEntry, watchlistColumns } from "./watchlist-entry.type";
import { countingPenalty } from "../penalty/penalty.entity";


export class WatchlistService {
  constructor(
    private readonly db: DataSource,
    private readonly blacklist: BlacklistService,
    private readonly standing: StandingService,
    private readonly events: EventService,
    private readonly supervision: SupervisionService,
    /** The watchlist rule (HUB_WATCHLIST_*): so many counting penalties within the window list an enterprise for the validity. */
    private readonly rule: RuleSettings["watchlist"],
  ) {}

  /**
   * The automatic rule, run in the transaction that records a penalty (enterprise row locked, so
   * two concurrent penalties cannot both list it): at least HUB_WATCHLIST_PENALTIES (2) counting
   * penalties decided within HUB_WATCHLIST_WINDOW_DAYS (365), no blacklist entry and no watchlist
   * entry in force → listed for HUB_WATCHLIST_VALIDITY_MONTHS (12), with the warning.
   */
  async applyAutomaticRule(tx: EntityManager, enterpriseId: string): Promise<WatchlistEntry | null> {
    const now = today();
    const [state] = await tx.query(
      `SELECT array_agg(p.id ORDER BY p.decided_on) AS penalties,
         EXISTS (SELECT 1 FROM blacklist_entry b WHERE b.enterprise_id = $1 AND b.subject_type = 'ENTERPRISE' AND ${inForce("b", "$2")}) AS blacklisted,
         EXISTS (SELECT 1 FROM watchlist_entry w WHERE w.enterprise_id = $1 AND ${inForce("w", "$2")}) AS watched
       FROM penalty p WHERE p.enterprise_id = $1 AND ${countingPenalty("p")} AND p.decided_on >= $3::date`,
      [enterpriseId, now, addDays(now, -this.rule.windowDays)],
    );
    const penalties: string[] = state.penalties ?? [];
    if (penalties.length < this.rule.penalties || state.blacklisted || state.watched) return null;
    const [entry] = await tx.query(
      `INSERT INTO watchlist_entry (enterprise_id, basis, reason, listed_on, valid_until, warning_issued_on)
       VALUES ($1, 'AUTOMATIC_RULE', $2, $3, $4, $3) RETURNING id`,
      [enterpriseId, `${penalties.length} administrative penalties within ${this.rule.windowDays} days`, now, addMonths(now, this.rule.validityMonths)],
    );
    await tx.query(
      `INSERT INTO watchlist_trigger (watchlist_entry_id, penalty_id) SELECT $1, unnest($2::uuid[])`,
      [entry.id, penalties],
    );
    await this.announce(tx, enterpriseId, "by the automatic rule");
    await this.supervision.openWatchlistEntry(tx, { id: entry.id, enterpriseId, listedOn: now, listedBy: null });
    return this.read(tx, entry.id);
  }

  /** WATCHLIST_ENTERED, to the departments supervising the enterprise's sector and OVERSIGHT. */
  private async announce(tx: EntityManager, enterpriseId: string, how: string): Promise<void> {
    const [{ name, sector }] = await tx.query(`SELECT name, sector FROM enterprise WHERE id = $1`, [enterpriseId]);
    await this.events.append(tx, [{ kind: HubEventKind.WATCHLIST_ENTERED, departments: listAddressees(sector), enterpriseId,
      summary: `${name} was put on the watchlist ${how}.` }]);
  }

  /** Manual listing by an OVERSIGHT department. */
  addToWatchlist(actor: AgencyActor, input: WatchlistInput): Promise<WatchlistEntry> {
    const reason = requiredText(input.reason, "reason");
    const now = today();
    const validUntil = input.validUntil ?? addMonths(now, this.rule.validityMonths);
    if (validUntil < now) throw badInput("validUntil", "validUntil cannot lie in the past.");
    return inTransaction(this.db, async (tx) => {
      const enterprise = await lockEnterpriseForWrite(tx, actor, input.creditCode);
      const [active] = await tx.query(
        `SELECT w.id FROM watchlist_entry w WHERE w.enterprise_id = $1 AND ${inForce("w", "$2")}`,
        [enterprise.id, now],
      );
      if (active) throw conflict("The enterprise is already on the watchlist.", "creditCode");
      const [entry] = await tx.query(
        `INSERT INTO watchlist_entry (enterprise_id, basis, listed_by, agency_id, reason, listed_on, valid_until, warning_issued_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $6) RETURNING id`,
        [enterprise.id, WatchlistBasis.DEPARTMENT, actor.department, actor.agencyId, reason, now, validUntil],
      );
      await this.standing.recompute(tx, [enterprise.id]);
      await this.announce(tx, enterprise.id, `by ${actor.department}`);
      await this.supervision.openWatchlistEntry(tx, { id: entry.id, enterpriseId: enterprise.id, listedOn: now, listedBy: actor.department });
      return this.read(tx, entry.id);
    });
  }

  removeFromWatchlist(actor: AgencyActor, id: string, reason: string): Promise<WatchlistEntry> {
    const why = requiredText(reason, "reason");
    return inTransaction(this.db, async (tx) => {
      const entry = await this.lockActive(tx, actor, id);
      await this.end(tx, entry.id, why);
      return this.read(tx, entry.id);
    });
  }

  /** Moves an ACTIVE entry to the blacklist (a serious violation during the watch). */
  escalateWatchlistEntry(actor: AgencyActor, id: string, input: BlacklistInput): Promise<BlacklistEntry> {
    return inTransaction(this.db, async (tx) => {
      // Enterprise first, then entry: the order every other list write takes its locks in.
      const enterprise = await lockEnterpriseForWrite(tx, actor, input.creditCode);
      const entry = await this.lockActive(tx, actor, id);
      if (enterprise.id !== entry.enterpriseId) {
        throw badInput("input.creditCode", "The credit code is not the watchlisted enterprise's.");
      }
      const entries = await this.blacklist.createEntries(tx, actor, enterprise.id, input, entry.id);
      return entries.find((e) => e.subjectType === "ENTERPRISE")!;
    });
  }

  /**
   * Sets an entry REMOVED (removal, an upheld objection, or an approved repair, which also marks it
   * repaired: from then on only its producer, CREDIT_OFFICE and the subject read it).
   */
  async end(tx: EntityManager, id: string, reason: string, repaired = false): Promise<void> {
    const [[ended]] = await tx.query(
      `UPDATE watchlist_entry SET state = 'REMOVED', removed_on = $2, removed_reason = $3, repaired_at = CASE WHEN $4 THEN now() END
       WHERE id = $1 RETURNING enterprise_id AS "enterpriseId"`,
      [id, today(), reason, repaired],
    );
    await this.standing.recompute(tx, [ended.enterpriseId]);
  }

  lock(tx: EntityManager, id: string, field = "id"): Promise<WatchlistEntry & { regionCode: string }> {
    return lockListingEntry(tx, { table: "watchlist_entry", alias: "w", columns: watchlistColumns, label: "watchlist entry" }, id, field);
  }

  private async lockActive(tx: EntityManager, actor: AgencyActor, id: string) {
    const entry = await this.lock(tx, id);
    if (!regionCovers(actor.regionCode, entry.regionCode)) throw forbidden();
    if (entry.status !== WatchlistStatus.ACTIVE) throw conflict(`This entry is ${entry.status}, not ACTIVE.`, "id");
    return entry;
  }

  private async read(tx: EntityManager, id: string): Promise<WatchlistEntry> {
    const [entry] = await tx.query(`SELECT ${watchlistColumns("$2")} FROM watchlist_entry w WHERE w.id = $1`, [id, today()]);
    return entry;
  }
}

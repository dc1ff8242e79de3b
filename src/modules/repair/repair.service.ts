import type { DataSource, EntityManager } from "typeorm";
import type { StandingService } from "../standing/standing.service";
import { earliestRepair, mayDecidePenaltyRepair, repairWaitMonths } from "../penalty/penalty.rules";
import type { RuleSettings } from "../../config";
import type { FailingCreditSeverity } from "../penalty/penalty.enums";
import type { AgencyActor } from "../../auth/actor";
import { inTransaction } from "../../db/transaction";
import { HubEventKind } from "../event/event.enums";
import { repairAddressees } from "../event/event.rules";
import type { EventService } from "../event/event.service";
import { addDays, today } from "../../shared/clock";
import { badInput, conflict, forbidden, notFound } from "../../shared/errors";
import { isUuid } from "../../shared/uuid";
import { BlacklistStatus } from "../blacklist/blacklist.enums";
import { WatchlistStatus } from "../watchlist/watchlist.enums";
import { mayDecideBlacklistEntry } from "../blacklist/blacklist.rules";
import { mayDecideWatchlistEntry } from "../watchlist/watchlist.rules";
import type { BlacklistService } from "../blacklist/blacklist.service";
import { requiredText } from "../../shared/validation";
import type { WatchlistService } from "../watchlist/watchlist.service";
import { CreditRepair, REPAIR_COLUMNS } from "./credit-repair.type";
import { type CreditRepairInput } from "./repair.inputs";


export class RepairService {
  constructor(
    private readonly db: DataSource,
    private readonly blacklist: BlacklistService,
    private readonly watchlist: WatchlistService,
    private readonly standing: StandingService,
    private readonly events: EventService,
    /** Waits before a repair (HUB_REPAIR_*): days on the blacklist, months after a penalty's decision. */
    private readonly waits: RuleSettings["repair"],
  ) {}

  /**
   * A penalty may be repaired when it is this enterprise's, not revoked (it already counts for
   * nothing), not MINOR (never published: nothing to repair), not repaired yet, and its minimum
   * period has passed (GENERAL 3 months, SERIOUS 1 year after its decision).
   */
  private async checkPenaltyRepairable(tx: EntityManager, penaltyId: string, enterpriseId: string): Promise<void> {
    const [penalty] = isUuid(penaltyId)
      ? await tx.query(
          `SELECT enterprise_id AS "enterpriseId", severity, decided_on AS "decidedOn", revoked_at AS "revokedAt", repaired_at AS "repairedAt"
           FROM penalty WHERE id = $1 FOR UPDATE`,
          [penaltyId],
        )
      : [];
    if (!penalty || penalty.enterpriseId !== enterpriseId) throw notFound(`No penalty ${penaltyId} of this enterprise.`, "penaltyId");
    if (penalty.revokedAt) throw badInput("penaltyId", "This penalty is revoked: it counts for nothing and there is nothing to repair.");
    if (penalty.repairedAt) throw conflict("This penalty is repaired already.", "penaltyId");
    const earliest = earliestRepair(penalty.severity, penalty.decidedOn, this.waits);
    if (earliest === null) throw badInput("penaltyId", "A MINOR penalty is never published: there is nothing to repair.");
    if (today() < earliest) {
      throw badInput("penaltyId", `A ${penalty.severity} penalty can be repaired ${repairWaitMonths(penalty.severity as Exclude<FailingCreditSeverity, "MINOR">, this.waits)} months after its decision, from ${earliest}.`);
    }
  }

  /** Any department submits on the enterprise's behalf; one pending request per entry. */
  submitCreditRepair(actor: AgencyActor, input: CreditRepairInput): Promise<CreditRepair> {
    const statement = requiredText(input.statement, "statement", 5000);
    const actions = [...new Set(input.actions)];
    if (actions.length === 0) throw badInput("actions", "Name at least one repair action.");
    const named = [input.blacklistEntryId, input.watchlistEntryId, input.penaltyId].filter((id) => id != null);
    if (named.length !== 1) {
      throw badInput("blacklistEntryId", "Name exactly one record to repair: blacklistEntryId, watchlistEntryId or penaltyId.");
    }
    return inTransaction(this.db, async (tx) => {
      const [enterprise] = await tx.query(`SELECT id FROM enterprise WHERE credit_code = $1`, [input.creditCode]);
      if (!enterprise) throw notFound(`No enterprise with credit code ${input.creditCode}.`, "creditCode");
      if (input.blacklistEntryId) {
        const entry = await this.blacklist.lockEntry(tx, input.blacklistEntryId, "blacklistEntryId");
        if (entry.enterpriseId !== enterprise.id || entry.subjectType !== "ENTERPRISE") {
          throw badInput("blacklistEntryId", "This is not an enterprise entry of this enterprise.");
        }
        if (entry.status !== BlacklistStatus.ACTIVE) throw conflict(`The entry is ${entry.status}; only ACTIVE entries are repaired.`, "blacklistEntryId");
        const earliest = addDays(entry.listedOn, this.waits.blacklistDays);
        if (today() < earliest) {
          throw badInput("blacklistEntryId", `A blacklist entry can be repaired after ${this.waits.blacklistDays} days on the list, from ${earliest}.`);
        }
      } else if (input.penaltyId) {
        await this.checkPenaltyRepairable(tx, input.penaltyId, enterprise.id);
      } else {
        const entry = await this.watchlist.lock(tx, input.watchlistEntryId!, "watchlistEntryId");
        if (entry.enterpriseId !== enterprise.id) throw badInput("watchlistEntryId", "This entry is not this enterprise's.");
        if (entry.status !== WatchlistStatus.ACTIVE) throw conflict(`The entry is ${entry.status}; only ACTIVE entries are repaired.`, "watchlistEntryId");
      }
      const [pending] = await tx.query(
        `SELECT 1 FROM credit_repair WHERE coalesce(blacklist_entry_id, watchlist_entry_id, penalty_id) = $1 AND status = 'SUBMITTED'`,
        [named[0]],
      );
      if (pending) throw conflict("A repair request for this record is already awaiting its decision.");
      const [repair] = await tx.query(
        `INSERT INTO credit_repair AS r (enterprise_id, blacklist_entry_id, watchlist_entry_id, penalty_id, actions, statement, submitted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${REPAIR_COLUMNS}`,
        [enterprise.id, input.blacklistEntryId ?? null, input.watchlistEntryId ?? null, input.penaltyId ?? null, actions, statement, actor.agencyId],
      );
      return repair;
    });
  }

  /**
   * Approval ends the listing (blacklist: REPAIRED, watchlist: REMOVED) and closes its tasks, or
   * stops a penalty's publication and sharing; the record is marked repaired and counts for nothing
   * from then on (grade and risk recomputed here). Rejection changes nothing else.
   */
  decideCreditRepair(actor: AgencyActor, id: string, approve: boolean, reason: string): Promise<CreditRepair> {
    const why = requiredText(reason, "reason");
    return inTransaction(this.db, async (tx) => {
      const [repair]: CreditRepair[] = isUuid(id)
        ? await tx.query(`SELECT ${REPAIR_COLUMNS} FROM credit_repair r WHERE r.id = $1 FOR UPDATE`, [id])
        : [];
      if (!repair) throw notFound(`No credit repair with id ${id}.`, "id");
      if (repair.blacklistEntryId) {
        const entry = await this.blacklist.lockEntry(tx, repair.blacklistEntryId);
        if (!mayDecideBlacklistEntry(actor, entry.recognizedBy)) throw forbidden();
        if (repair.status !== "SUBMITTED") throw conflict(`This request was already ${repair.status}.`, "id");
        if (approve) {
          if (entry.status !== BlacklistStatus.ACTIVE) throw conflict(`The entry is ${entry.status} already.`, "id");
          await this.blacklist.endEntry(tx, entry.id, "REPAIRED", why);
        }
      } else if (repair.penaltyId) {
        const [penalty] = await tx.query(
          `SELECT department, enterprise_id AS "enterpriseId", revoked_at AS "revokedAt", repaired_at AS "repairedAt" FROM penalty WHERE id = $1 FOR UPDATE`,
          [repair.penaltyId],
        );
        if (!mayDecidePenaltyRepair(actor, penalty.department)) throw forbidden();
        if (repair.status !== "SUBMITTED") throw conflict(`This request was already ${repair.status}.`, "id");
        if (approve) {
          if (penalty.revokedAt || penalty.repairedAt) throw conflict(`The penalty is ${penalty.revokedAt ? "revoked" : "repaired"} already.`, "id");
          // Publication ends and sharing stops at once; it counts for nothing from now on.
          await tx.query(`UPDATE penalty SET repaired_at = now() WHERE id = $1`, [repair.penaltyId]);
          await this.standing.recompute(tx, [penalty.enterpriseId]);
        }
      } else {
        const entry = await this.watchlist.lock(tx, repair.watchlistEntryId!);
        if (!mayDecideWatchlistEntry(actor, entry)) throw forbidden();
        if (repair.status !== "SUBMITTED") throw conflict(`This request was already ${repair.status}.`, "id");
        if (approve) {
          if (entry.status !== WatchlistStatus.ACTIVE) throw conflict(`The entry is ${entry.status} already.`, "id");
          await this.watchlist.end(tx, entry.id, why, true);
        }
      }
      const [[decided]] = await tx.query(
        `UPDATE credit_repair r SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4
         WHERE r.id = $1 RETURNING ${REPAIR_COLUMNS}`,
        [id, approve ? "APPROVED" : "REJECTED", actor.department, why],
      );
      const [submitter] = await tx.query(`SELECT a.department FROM credit_repair r JOIN agency a ON a.id = r.submitted_by WHERE r.id = $1`, [id]);
      const what = decided.penaltyId ? "penalty" : decided.blacklistEntryId ? "blacklist entry" : "watchlist entry";
      await this.events.append(tx, [{
        kind: HubEventKind.REPAIR_DECIDED, departments: repairAddressees(submitter?.department ?? null, actor.department), enterpriseId: decided.enterpriseId,
        summary: `Credit repair of a ${what} ${approve ? "approved" : "rejected"} by ${actor.department}: ${why.slice(0, 200)}`,
      }]);
      return decided;
    });
  }
}

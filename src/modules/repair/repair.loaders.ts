import type { DataSource } from "typeorm";
import { type ProfileParts, groupQueryLoader } from "../../db/loader";
import { CreditRepair, REPAIR_COLUMNS } from "./credit-repair.type";
import type { Actor } from "../../auth/actor";
import { today } from "../../shared/clock";
import { visiblePenalty } from "../penalty/penalty.loaders";
import { visibleBlacklistEntry, visibleWatchlistEntry } from "../listing/listing.loaders";

/** A repair read as JSON (one part of a larger statement) carries its timestamps as text. */
function reviveRepair(r: CreditRepair): CreditRepair {
  return { ...r, submittedAt: new Date(r.submittedAt), decidedAt: r.decidedAt === null ? null : new Date(r.decidedAt) };
}

/**
 * A repair request is read with the record it names: when that record's sharing stopped (an
 * approved repair), a department other than its producer and CREDIT_OFFICE no longer reads the
 * request either, so nothing tells it the record existed.
 */
export function createRepairLoaders(db: DataSource, actor: Actor) {
  return {
    repairsByEnterprise: groupQueryLoader<string, CreditRepair>(db, {
      sql: (ids, params) => `SELECT ${REPAIR_COLUMNS} FROM credit_repair r WHERE r.enterprise_id = ANY(${ids})
           AND (r.penalty_id IS NULL OR EXISTS (SELECT 1 FROM penalty pe WHERE pe.id = r.penalty_id AND ${visiblePenalty(actor, params)}))
           AND (r.blacklist_entry_id IS NULL OR EXISTS (SELECT 1 FROM blacklist_entry b WHERE b.id = r.blacklist_entry_id
             AND ${visibleBlacklistEntry(actor, params, params.add(today()))}))
           AND (r.watchlist_entry_id IS NULL OR EXISTS (SELECT 1 FROM watchlist_entry w WHERE w.id = r.watchlist_entry_id
             AND ${visibleWatchlistEntry(actor, params)}))
           ORDER BY r.submitted_at DESC, r.id`,
      fromRows: (rows) => (rows as unknown as CreditRepair[]).map(reviveRepair),
      keyOf: (r) => r.enterpriseId,
    }),
  };
}

export type RepairLoaders = ReturnType<typeof createRepairLoaders>;

/** `Enterprise.repairs` can come with its enterprise (enterprise.profile.ts). */
export const repairProfileParts: ProfileParts<RepairLoaders> = {
  repairs: (_, l) => l.repairsByEnterprise.part,
};

import type { DataSource } from "typeorm";
import { type ProfileParts, groupQueryLoader } from "../../db/loader";
import { CreditRepair, REPAIR_COLUMNS } from "./credit-repair.type";

/** A repair read as JSON (one part of a larger statement) carries its timestamps as text. */
function reviveRepair(r: CreditRepair): CreditRepair {
  return { ...r, submittedAt: new Date(r.submittedAt), decidedAt: r.decidedAt === null ? null : new Date(r.decidedAt) };
}

export function createRepairLoaders(db: DataSource) {
  return {
    repairsByEnterprise: groupQueryLoader<string, CreditRepair>(db, {
      sql: (ids) => `SELECT ${REPAIR_COLUMNS} FROM credit_repair r WHERE r.enterprise_id = ANY(${ids}) ORDER BY r.submitted_at DESC, r.id`,
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

import type { DataSource } from "typeorm";
import { groupLoader } from "../../db/loader";
import { CreditRepair, REPAIR_COLUMNS } from "./credit-repair.type";

export function createRepairLoaders(db: DataSource) {
  return {
    repairsByEnterprise: groupLoader<string, CreditRepair>(
      (ids) =>
        db.query(`SELECT ${REPAIR_COLUMNS} FROM credit_repair r WHERE r.enterprise_id = ANY($1) ORDER BY r.submitted_at DESC, r.id`, [ids]),
      (r) => r.enterpriseId,
    ),
  };
}

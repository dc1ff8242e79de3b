import type { EntityManager } from "typeorm";
import { today } from "../../shared/clock";
import { RECOMPUTE_GRADES } from "./grade.sql";

export class GradeService {
  /** Brings the stored grades of these enterprises up to date; appends history on a change of grade. */
  async recompute(tx: EntityManager, enterpriseIds: readonly string[]): Promise<void> {
    if (enterpriseIds.length) await tx.query(RECOMPUTE_GRADES, [enterpriseIds, today()]);
  }
}

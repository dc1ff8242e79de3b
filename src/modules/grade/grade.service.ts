import type { EntityManager } from "typeorm";
import { today } from "../../shared/clock";
import { RECOMPUTE_GRADES } from "./grade.sql";

/** An existing grade that a recompute changed. */
export interface GradeChange {
  enterpriseId: string;
  from: string;
  to: string;
}

export class GradeService {
  /** Brings the stored grades of these enterprises up to date; appends history on a change of grade. */
  async recompute(tx: EntityManager, enterpriseIds: readonly string[]): Promise<GradeChange[]> {
    return enterpriseIds.length ? tx.query(RECOMPUTE_GRADES, [enterpriseIds, today()]) : [];
  }
}

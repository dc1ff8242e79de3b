import type { EntityManager } from "typeorm";
import type { RuleSettings } from "../../config";
import { today } from "../../shared/clock";
import { RECOMPUTE_GRADES } from "./grade.sql";

/** An existing grade that a recompute changed. */
export interface GradeChange {
  enterpriseId: string;
  from: string;
  to: string;
}

export class GradeService {
  constructor(private readonly rule: RuleSettings["grade"]) {}

  /** Brings the stored grades of these enterprises up to date; appends history on a change of grade. */
  async recompute(tx: EntityManager, enterpriseIds: readonly string[]): Promise<GradeChange[]> {
    return enterpriseIds.length
      ? tx.query(RECOMPUTE_GRADES, [enterpriseIds, today(), this.rule.windowDays, this.rule.accidentYears, this.rule.penaltiesForC])
      : [];
  }
}

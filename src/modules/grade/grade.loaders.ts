import type { DataSource } from "typeorm";
import { type ProfileParts, groupQueryLoader, rowQueryLoader } from "../../db/loader";
import type { GradeRow } from "./grade.type";
import { pendingObjection } from "../objection/objection.sql";

const GRADE_COLUMNS = `g.enterprise_id AS "enterpriseId", g.grade, g.effective_from AS "effectiveFrom", g.factors`;
// An objection to a grade names the current grade by the enterprise's credit code; past grades are not disputed.
const UNDER_OBJECTION = pendingObjection("CREDIT_GRADE", "(SELECT credit_code FROM enterprise WHERE id = g.enterprise_id)");

export function createGradeLoaders(db: DataSource) {
  return {
    gradeByEnterprise: rowQueryLoader<string, GradeRow>(db, {
      sql: (ids) => `SELECT ${GRADE_COLUMNS}, ${UNDER_OBJECTION} AS "underObjection" FROM credit_grade g WHERE g.enterprise_id = ANY(${ids})`,
      fromRows: (rows) => rows as unknown as GradeRow[],
      keyOf: (g) => g.enterpriseId,
    }),
    gradeHistoryByEnterprise: groupQueryLoader<string, GradeRow>(db, {
      sql: (ids) => `SELECT ${GRADE_COLUMNS}, false AS "underObjection" FROM credit_grade_history g WHERE g.enterprise_id = ANY(${ids}) ORDER BY g.id`,
      fromRows: (rows) => rows as unknown as GradeRow[],
      keyOf: (g) => g.enterpriseId,
    }),
  };
}

export type GradeLoaders = ReturnType<typeof createGradeLoaders>;

/** `Enterprise.creditGrade` can come with its enterprise (enterprise.profile.ts). */
export const gradeProfileParts: ProfileParts<GradeLoaders> = {
  creditGrade: (_, l) => l.gradeByEnterprise.part,
};

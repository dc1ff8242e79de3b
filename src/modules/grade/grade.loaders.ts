import type { DataSource } from "typeorm";
import { type ProfileParts, groupQueryLoader, rowQueryLoader } from "../../db/loader";
import type { GradeRow } from "./grade.type";

const GRADE_COLUMNS = `g.enterprise_id AS "enterpriseId", g.grade, g.effective_from AS "effectiveFrom", g.factors`;

export function createGradeLoaders(db: DataSource) {
  return {
    gradeByEnterprise: rowQueryLoader<string, GradeRow>(db, {
      sql: (ids) => `SELECT ${GRADE_COLUMNS} FROM credit_grade g WHERE g.enterprise_id = ANY(${ids})`,
      fromRows: (rows) => rows as unknown as GradeRow[],
      keyOf: (g) => g.enterpriseId,
    }),
    gradeHistoryByEnterprise: groupQueryLoader<string, GradeRow>(db, {
      sql: (ids) => `SELECT ${GRADE_COLUMNS} FROM credit_grade_history g WHERE g.enterprise_id = ANY(${ids}) ORDER BY g.id`,
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

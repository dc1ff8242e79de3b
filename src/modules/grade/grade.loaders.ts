import type { DataSource } from "typeorm";
import { groupLoader, rowQueryLoader } from "../../db/loader";
import type { GradeRow } from "./grade.types";

const GRADE_COLUMNS = `g.enterprise_id AS "enterpriseId", g.grade, g.effective_from AS "effectiveFrom", g.factors`;

export function createGradeLoaders(db: DataSource) {
  return {
    gradeByEnterprise: rowQueryLoader<string, GradeRow>(db, {
      sql: (ids) => `SELECT ${GRADE_COLUMNS} FROM credit_grade g WHERE g.enterprise_id = ANY(${ids})`,
      fromRows: (rows) => rows as unknown as GradeRow[],
      keyOf: (g) => g.enterpriseId,
    }),
    gradeHistoryByEnterprise: groupLoader<string, GradeRow>(
      (ids) => db.query(`SELECT ${GRADE_COLUMNS} FROM credit_grade_history g WHERE g.enterprise_id = ANY($1) ORDER BY g.id`, [ids]),
      (g) => g.enterpriseId,
    ),
  };
}

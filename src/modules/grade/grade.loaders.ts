import type { DataSource } from "typeorm";
import { groupLoader, rowLoader } from "../../db/loader";
import type { GradeRow } from "./grade.types";

const GRADE_COLUMNS = `g.enterprise_id AS "enterpriseId", g.grade, g.effective_from AS "effectiveFrom", g.factors`;

export function createGradeLoaders(db: DataSource) {
  return {
    gradeByEnterprise: rowLoader<string, GradeRow>(
      (ids) => db.query(`SELECT ${GRADE_COLUMNS} FROM credit_grade g WHERE g.enterprise_id = ANY($1)`, [ids]),
      (g) => g.enterpriseId,
    ),
    gradeHistoryByEnterprise: groupLoader<string, GradeRow>(
      (ids) => db.query(`SELECT ${GRADE_COLUMNS} FROM credit_grade_history g WHERE g.enterprise_id = ANY($1) ORDER BY g.id`, [ids]),
      (g) => g.enterpriseId,
    ),
  };
}

import type { DataSource } from "typeorm";
import { rowLoader } from "../../db/loader";
import { ASSESSMENT_COLUMNS, RiskAssessment } from "./risk.types";

export function createRiskLoaders(db: DataSource) {
  return {
    riskByEnterprise: rowLoader<string, RiskAssessment>(
      (ids) => db.query(`SELECT ${ASSESSMENT_COLUMNS} FROM risk_assessment ra WHERE ra.enterprise_id = ANY($1)`, [ids]),
      (r) => r.enterpriseId,
    ),
  };
}

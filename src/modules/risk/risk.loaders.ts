import type { DataSource } from "typeorm";
import { type ProfileParts, rowQueryLoader } from "../../db/loader";
import { ASSESSMENT_COLUMNS, RiskAssessment } from "./risk.type";

export function createRiskLoaders(db: DataSource) {
  return {
    riskByEnterprise: rowQueryLoader<string, RiskAssessment>(db, {
      sql: (ids) => `SELECT ${ASSESSMENT_COLUMNS} FROM risk_assessment ra WHERE ra.enterprise_id = ANY(${ids})`,
      // Read as JSON (one part of a profile statement) the timestamps come as text.
      fromRows: (rows) =>
        (rows as unknown as RiskAssessment[]).map((r) => ({ ...r, assessedAt: new Date(r.assessedAt), levelSince: new Date(r.levelSince) })),
      keyOf: (r) => r.enterpriseId,
    }),
  };
}

export type RiskLoaders = ReturnType<typeof createRiskLoaders>;

/** `Enterprise.riskAssessment` can come with its enterprise (enterprise.profile.ts). */
export const riskProfileParts: ProfileParts<RiskLoaders> = {
  riskAssessment: (_, l) => l.riskByEnterprise.part,
};

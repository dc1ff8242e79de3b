import type { DataSource } from "typeorm";
import { groupLoader } from "../../db/loader";
import { COMMITMENT_COLUMNS, CreditCommitment } from "./commitment.types";

export function createCommitmentLoaders(db: DataSource) {
  return {
    commitmentsByEnterprise: groupLoader<string, CreditCommitment>(
      (ids) =>
        db.query(`SELECT ${COMMITMENT_COLUMNS} FROM commitment c WHERE c.enterprise_id = ANY($1) ORDER BY c.committed_on DESC, c.id`, [ids]),
      (c) => c.enterpriseId,
    ),
  };
}

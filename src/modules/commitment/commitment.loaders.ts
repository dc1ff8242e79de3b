import type { DataSource } from "typeorm";
import { type ProfileParts, groupQueryLoader } from "../../db/loader";
import { COMMITMENT_COLUMNS, CreditCommitment } from "./commitment.type";

export function createCommitmentLoaders(db: DataSource) {
  return {
    commitmentsByEnterprise: groupQueryLoader<string, CreditCommitment>(db, {
      sql: (ids) => `SELECT ${COMMITMENT_COLUMNS} FROM commitment c WHERE c.enterprise_id = ANY(${ids}) ORDER BY c.committed_on DESC, c.id`,
      // Text, dates and ids only: the driver and JSON give the same values.
      fromRows: (rows) => rows as unknown as CreditCommitment[],
      keyOf: (c) => c.enterpriseId,
    }),
  };
}

export type CommitmentLoaders = ReturnType<typeof createCommitmentLoaders>;

/** `Enterprise.commitments` can come with its enterprise (enterprise.profile.ts). */
export const commitmentProfileParts: ProfileParts<CommitmentLoaders> = {
  commitments: (_, l) => l.commitmentsByEnterprise.part,
};

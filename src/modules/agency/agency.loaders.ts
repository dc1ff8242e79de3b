import type { DataSource } from "typeorm";
import { rowLoader } from "../../db/loader";
import type { Agency } from "./agency.entity";

export function createAgencyLoaders(db: DataSource) {
  return {
    agencyById: rowLoader<string, Agency>(
      (ids) =>
        db.query(
          `SELECT id, name, department, region_code AS "regionCode", scopes, created_at AS "createdAt",
             revoked_at AS "revokedAt" FROM agency WHERE id = ANY($1)`,
          [ids],
        ),
      (a) => a.id,
    ),
  };
}

export type AgencyLoaders = ReturnType<typeof createAgencyLoaders>;

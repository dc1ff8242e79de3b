import type { DataSource } from "typeorm";
import { rowQueryLoader } from "../../db/loader";
import type { Agency } from "./agency.entity";

/** An agency read as JSON (one part of a larger statement) carries its timestamps as text. */
function reviveAgency(a: Agency): Agency {
  return { ...a, createdAt: new Date(a.createdAt), revokedAt: a.revokedAt === null ? null : new Date(a.revokedAt) };
}

export function createAgencyLoaders(db: DataSource) {
  return {
    agencyById: rowQueryLoader<string, Agency>(db, {
      sql: (ids) => `SELECT id, name, department, region_code AS "regionCode", scopes, created_at AS "createdAt",
             revoked_at AS "revokedAt" FROM agency WHERE id = ANY(${ids})`,
      fromRows: (rows) => (rows as unknown as Agency[]).map(reviveAgency),
      keyOf: (a) => a.id,
    }),
  };
}

export type AgencyLoaders = ReturnType<typeof createAgencyLoaders>;

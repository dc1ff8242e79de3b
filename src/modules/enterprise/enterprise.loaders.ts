import type { DataSource } from "typeorm";
import { rowQueryLoader } from "../../db/loader";
import type { AccessCollector } from "../../auth/access-collector";
import { ENTERPRISE_COLUMNS, Enterprise } from "./enterprise.entity";

/** Every enterprise loaded for a request is one of the subjects it read (access log). */
export function createEnterpriseLoaders(db: DataSource, audit: AccessCollector) {
  const enterpriseById = rowQueryLoader<string, Enterprise>(db, {
    sql: (ids) => `SELECT ${ENTERPRISE_COLUMNS} FROM enterprise e WHERE e.id = ANY(${ids})`,
    fromRows: (rows) => {
      for (const e of rows as unknown as Enterprise[]) audit.enterprise(e.creditCode);
      return rows as unknown as Enterprise[];
    },
    keyOf: (e) => e.id,
  });
  // An enterprise read by code primes the by-id loader before any of its children can ask for it
  // (children resolve only after their parent), so a profile never reads its enterprise twice.
  const enterpriseByCode = rowQueryLoader<string, Enterprise>(db, {
    sql: (codes) => `SELECT ${ENTERPRISE_COLUMNS} FROM enterprise e WHERE e.credit_code = ANY(${codes})`,
    fromRows: (rows) => {
      for (const e of rows as unknown as Enterprise[]) {
        enterpriseById.prime(e.id, e);
        audit.enterprise(e.creditCode);
      }
      return rows as unknown as Enterprise[];
    },
    keyOf: (e) => e.creditCode,
  });
  return { enterpriseById, enterpriseByCode };
}

export type EnterpriseLoaders = ReturnType<typeof createEnterpriseLoaders>;

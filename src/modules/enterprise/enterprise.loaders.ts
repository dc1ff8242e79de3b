import type { DataSource } from "typeorm";
import { rowLoader } from "../../db/loader";
import { ENTERPRISE_COLUMNS, Enterprise } from "./enterprise.entity";

export function createEnterpriseLoaders(db: DataSource) {
  return {
    enterpriseById: rowLoader<string, Enterprise>(
      (ids) => db.query(`SELECT ${ENTERPRISE_COLUMNS} FROM enterprise e WHERE e.id = ANY($1)`, [ids]),
      (e) => e.id,
    ),
    enterpriseByCode: rowLoader<string, Enterprise>(
      (codes) => db.query(`SELECT ${ENTERPRISE_COLUMNS} FROM enterprise e WHERE e.credit_code = ANY($1)`, [codes]),
      (e) => e.creditCode,
    ),
  };
}

export type EnterpriseLoaders = ReturnType<typeof createEnterpriseLoaders>;

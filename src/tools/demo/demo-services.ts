import type { DataSource, EntityManager } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import type { Department } from "../../auth/department.enums";
import type { Config } from "../../config";
import { PROVINCE_CODE } from "../../shared/region";
import { type Services, createServices } from "../../modules";

/**
 * The hub's services with every statement they send going to the seed's open transaction `tx`,
 * their own transactions included (`inTransaction` and `db.transaction` run their work in `tx`).
 * So the demo stories are written by the services that own the rules (a listing distributes its
 * tasks, a feedback report is checked against its task, a repair against its waits) and the seed
 * still commits whole or not at all: a failed story leaves an empty database, seeded again next start.
 * There is no nesting: a service's failure fails the whole seed, which is what the seed wants.
 */
export function servicesInTransaction(db: DataSource, tx: EntityManager, config: Config): Services {
  const outside = (name: string) => () => {
    throw new Error(`the demo seed's services run in its transaction; ${name} would leave it`);
  };
  const bound = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "query") return (sql: string, params?: unknown[]) => tx.query(sql, params);
      if (prop === "transaction") return (...args: unknown[]) => (args.at(-1) as (manager: EntityManager) => Promise<unknown>)(tx);
      if (prop === "createQueryRunner" || prop === "getRepository") return outside(String(prop));
      return Reflect.get(target, prop, receiver);
    },
  });
  return createServices(bound, config);
}

/** The province-level demo agency of a department, as the services see a caller. */
export function demoActor(department: Department, agencyOf: ReadonlyMap<string, string>): AgencyActor {
  const agencyId = agencyOf.get(department);
  if (!agencyId) throw new Error(`no demo agency for ${department}`);
  return { kind: "agency", agencyId, name: `Demo ${department}`, department, regionCode: PROVINCE_CODE, scopes: ["read", "write"] };
}

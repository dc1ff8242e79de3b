import type { DataSource } from "typeorm";
import { AccessCollector } from "../auth/access-collector";
import type { Actor } from "../auth/actor";
import { createLoaders, type Services } from "../modules";
import type { RequestContext } from "../modules/context";
import { forbidden } from "../shared/errors";

export function createContext(actor: Actor, db: DataSource, services: Services): RequestContext {
  const audit = new AccessCollector();
  return {
    actor,
    loaders: createLoaders(db, actor, audit),
    services,
    audit,
    requireAgency() {
      if (actor.kind !== "agency") throw forbidden();
      return actor;
    },
    requireIdentified() {
      if (actor.kind === "public") throw forbidden();
      return actor;
    },
  };
}

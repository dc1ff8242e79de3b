import type { DataSource } from "typeorm";
import type { Actor, AgencyActor } from "../auth/actor";
import { createLoaders, type Loaders, type Services } from "../modules";
import { AccessCollector } from "../modules/audit/access-collector";
import { forbidden } from "../shared/errors";

export interface HubContext {
  actor: Actor;
  loaders: Loaders;
  services: Services;
  /** What this request read, for the access log. */
  audit: AccessCollector;
  /** The calling agency; the public audience cannot write. */
  requireAgency(): AgencyActor;
}

export function createContext(actor: Actor, db: DataSource, services: Services): HubContext {
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
  };
}

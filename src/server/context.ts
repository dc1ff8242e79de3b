import type { DataSource } from "typeorm";
import type { Actor, AgencyActor } from "../auth/actor";
import { createLoaders, type Loaders, type Services } from "../modules";
import { forbidden } from "../shared/errors";

export interface HubContext {
  actor: Actor;
  loaders: Loaders;
  services: Services;
  /** The calling agency; the public audience cannot write. */
  requireAgency(): AgencyActor;
}

export function createContext(actor: Actor, db: DataSource, services: Services): HubContext {
  return {
    actor,
    loaders: createLoaders(db, actor),
    services,
    requireAgency() {
      if (actor.kind !== "agency") throw forbidden();
      return actor;
    },
  };
}

import type { DataSource } from "typeorm";
import { AccessCollector } from "../auth/access-collector";
import type { Actor } from "../auth/actor";
import { createLoaders, type Services } from "../modules";
import type { RequestContext } from "../modules/context";
import { forbidden } from "../shared/errors";

/** A subscription's context after one event: fresh loaders (no cached rows) and a fresh access record. */
export function renewContext(context: RequestContext, db: DataSource): void {
  const audit = new AccessCollector();
  context.audit = audit;
  context.loaders = createLoaders(db, context.actor, audit);
}

export function createContext(actor: Actor, db: DataSource, services: Services, clientAddress = "internal"): RequestContext {
  const audit = new AccessCollector();
  return {
    actor,
    clientAddress,
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

import type { NonEmptyArray } from "type-graphql";
import type { DataSource } from "typeorm";
import type { Actor } from "../auth/actor";
import type { Config } from "../config";
import { createAgencyLoaders } from "./agency/agency.loaders";
import { AgencyResolver } from "./agency/agency.resolver";
import { AgencyService } from "./agency/agency.service";
import { createEnterpriseLoaders } from "./enterprise/enterprise.loaders";
import { EnterpriseResolver } from "./enterprise/enterprise.resolver";
import { EnterpriseService } from "./enterprise/enterprise.service";
import { createPenaltyLoaders } from "./penalty/penalty.loaders";
import { EnterprisePenaltiesResolver, PenaltyResolver } from "./penalty/penalty.resolver";
import { PenaltyService } from "./penalty/penalty.service";
import { createPersonLoaders } from "./person/person.loaders";
import { EnterpriseHoldersResolver, PersonResolver, ResponsiblePersonResolver } from "./person/person.resolver";
import { PersonService } from "./person/person.service";

/** The modules of the hub, one line each: resolvers, services, per-request loaders. */
export const resolvers: NonEmptyArray<new () => object> = [
  AgencyResolver,
  EnterpriseResolver,
  PersonResolver,
  ResponsiblePersonResolver,
  EnterpriseHoldersResolver,
  PenaltyResolver,
  EnterprisePenaltiesResolver,
];

export function createServices(db: DataSource, config: Config) {
  return {
    agency: new AgencyService(db),
    enterprise: new EnterpriseService(db),
    person: new PersonService(db),
    penalty: new PenaltyService(db, config.disclosureYears),
  };
}

/** Built for each request and never shared between callers; row filters depend on the caller. */
export function createLoaders(db: DataSource, actor: Actor) {
  return {
    ...createAgencyLoaders(db),
    ...createEnterpriseLoaders(db),
    ...createPersonLoaders(db, actor),
    ...createPenaltyLoaders(db, actor),
  };
}

export type Services = ReturnType<typeof createServices>;
export type Loaders = ReturnType<typeof createLoaders>;

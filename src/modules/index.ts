import type { NonEmptyArray } from "type-graphql";
import type { DataSource } from "typeorm";
import type { AccessCollector } from "../auth/access-collector";
import type { Actor } from "../auth/actor";
import type { Config } from "../config";
import type { ProfileParts } from "../db/loader";
import { accidentModule } from "./accident";
import { agencyModule } from "./agency";
import { auditModule } from "./audit";
import { commitmentModule } from "./commitment";
import { enterpriseModule } from "./enterprise";
import { createProfileLoader } from "./enterprise/enterprise-profile.loaders";
import { feedbackModule } from "./feedback";
import { gradeModule } from "./grade";
import { blacklistModule } from "./blacklist";
import { listingModule } from "./listing";
import { watchlistModule } from "./watchlist";
import { type HubModule, type LoadersOf, type ServicesOf, buildServices, mergeLoaders } from "./module";
import { penaltyModule } from "./penalty";
import { personModule } from "./person";
import { repairModule } from "./repair";
import { reviewModule } from "./review";
import { riskModule } from "./risk";
import { sanctionModule } from "./sanction";
import { standingModule } from "./standing";
import { objectionModule } from "./objection";
import { eventModule } from "./event";
import { webhookModule } from "./webhook";
import { supervisionModule } from "./supervision";
import { tipModule } from "./tip";
import { rulesModule } from "./rules";
import { catalogueModule } from "./catalogue";
import { licenceModule } from "./licence";
import { subjectModule } from "./subject";
import { creditReportModule } from "./credit-report";
import type { CreditReportFacilities } from "./credit-report/credit-report.service";

/**
 * The hub's modules: the one list that names them all. Their order is the order of the
 * profile's parts (it fixes the profile statement's text) and of the schema's resolvers.
 */
export const MODULES = [
  agencyModule,
  eventModule,
  enterpriseModule,
  subjectModule,
  personModule,
  penaltyModule,
  commitmentModule,
  accidentModule,
  listingModule,
  blacklistModule,
  watchlistModule,
  sanctionModule,
  repairModule,
  gradeModule,
  riskModule,
  standingModule,
  feedbackModule,
  reviewModule,
  objectionModule,
  supervisionModule,
  tipModule,
  webhookModule,
  licenceModule,
  rulesModule,
  catalogueModule,
  creditReportModule,
  auditModule,
] as const;

type AnyModule = (typeof MODULES)[number];
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
export type Services = Intersection<ServicesOf<AnyModule>>;
export type RowLoaders = Intersection<LoadersOf<AnyModule>>;
export type Loaders = RowLoaders & { enterpriseProfile: ReturnType<typeof createProfileLoader> };

const modules: readonly HubModule[] = MODULES as unknown as readonly HubModule[];

export const resolvers = modules.flatMap((m) => m.resolvers) as unknown as NonEmptyArray<new () => object>;

/** Every TypeORM entity of the modules, for the data source. */
export const entities = modules.flatMap((m) => m.entities ?? []);

/** Every module's services, built once (see buildServices in module.ts). */
export function createServices(db: DataSource, config: Config, options: { auditKey?: Buffer; creditReports?: CreditReportFacilities } = {}): Services {
  return buildServices(modules, { db, config, auditKey: options.auditKey ?? null, creditReports: options.creditReports ?? null }) as Services;
}

/** The Enterprise fields that can join the profile's one statement, in the modules' order. */
const profileParts = Object.assign({}, ...modules.map((m) => m.profile ?? {})) as ProfileParts<RowLoaders>;

/** Built for each request and never shared between callers; row filters depend on the caller (mergeLoaders in module.ts). */
const moduleLoaders = mergeLoaders(modules);

export function createLoaders(db: DataSource, actor: Actor, audit: AccessCollector): Loaders {
  const loaders = moduleLoaders({ db, actor, audit }) as RowLoaders & Partial<Loaders>;
  loaders.enterpriseProfile = createProfileLoader(db, actor, loaders, profileParts);
  return loaders as Loaders;
}

// The request context's services and loaders are these (see context.ts: it imports no module).
declare module "./context" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ModuleServices extends Services {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ModuleLoaders extends Loaders {}
}

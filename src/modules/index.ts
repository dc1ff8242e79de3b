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
import type { HubModule, LoadersOf, ModuleEnv, ServiceFactory, ServicesOf } from "./module";
import { penaltyModule } from "./penalty";
import { personModule } from "./person";
import { repairModule } from "./repair";
import { reviewModule } from "./review";
import { riskModule } from "./risk";
import { sanctionModule } from "./sanction";
import { standingModule } from "./standing";

/**
 * The hub's modules: the one list that names them all. Their order is the order of the
 * profile's parts (it fixes the profile statement's text) and of the schema's resolvers.
 */
export const MODULES = [
  agencyModule,
  enterpriseModule,
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
  auditModule,
] as const;

type AnyModule = (typeof MODULES)[number];
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
export type Services = Intersection<ServicesOf<AnyModule>>;
export type RowLoaders = Intersection<LoadersOf<AnyModule>>;
export type Loaders = ReturnType<typeof createLoaders>;

const modules: readonly HubModule[] = MODULES as unknown as readonly HubModule[];

export const resolvers = modules.flatMap((m) => m.resolvers) as unknown as NonEmptyArray<new () => object>;

/** Every TypeORM entity of the modules, for the data source. */
export const entities = modules.flatMap((m) => m.entities ?? []);

/**
 * Builds every module's services once, each on first use by name, so that a factory's `deps`
 * may name a service of any module. A name provided twice, a name nobody provides, and services
 * that need each other are errors at start, not at the first request.
 */
export function createServices(db: DataSource, config: Config, options: { auditKey?: Buffer } = {}): Services {
  const env: ModuleEnv = { db, config, auditKey: options.auditKey ?? null };
  const factories = new Map<string, ServiceFactory<unknown, never>>();
  for (const m of modules) {
    for (const [name, factory] of Object.entries(m.services ?? {})) {
      if (factories.has(name)) throw new Error(`The service "${name}" is provided twice (module ${m.name}).`);
      factories.set(name, factory);
    }
  }
  const built = new Map<string, unknown>();
  const building: string[] = [];
  const service = (name: string): unknown => {
    if (built.has(name)) return built.get(name);
    const factory = factories.get(name);
    if (!factory) throw new Error(`No module provides the service "${name}" (needed by ${building.at(-1) ?? "the hub"}).`);
    if (building.includes(name)) throw new Error(`Services need each other: ${[...building, name].join(" → ")}.`);
    building.push(name);
    const value = factory(env, new Proxy({}, { get: (_, dep) => service(String(dep)) }) as never);
    building.pop();
    built.set(name, value);
    return value;
  };
  for (const name of factories.keys()) service(name);
  return Object.fromEntries(built) as Services;
}

/** The Enterprise fields that can join the profile's one statement, in the modules' order. */
const profileParts = Object.assign({}, ...modules.map((m) => m.profile ?? {})) as ProfileParts<RowLoaders>;

/** Built for each request and never shared between callers; row filters depend on the caller. */
export function createLoaders(db: DataSource, actor: Actor, audit: AccessCollector) {
  const loaders = Object.assign({}, ...modules.map((m) => m.loaders?.({ db, actor, audit }) ?? {})) as RowLoaders;
  return { ...loaders, enterpriseProfile: createProfileLoader(db, actor, loaders, profileParts) };
}

// The request context's services and loaders are these (see context.ts: it imports no module).
declare module "./context" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ModuleServices extends Services {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ModuleLoaders extends Loaders {}
}

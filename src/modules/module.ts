import type { DataSource } from "typeorm";
import type { AccessCollector } from "../auth/access-collector";
import type { Actor } from "../auth/actor";
import type { Config } from "../config";
import type { ProfileParts } from "../db/loader";
import type { CreditReportFacilities } from "./credit-report/credit-report.service";

/** What a module's services are built from, once per process. */
export interface ModuleEnv {
  db: DataSource;
  config: Config;
  /** The access log's chain key, where the caller has read it (verification needs it). */
  auditKey: Buffer | null;
  /** What issuing credit reports needs from a running hub (executor, key, font); null elsewhere (CLI, tests of services). */
  creditReports: CreditReportFacilities | null;
}

/** What a module's loaders are built from, once per request: row filters depend on the caller. */
export interface RequestEnv {
  db: DataSource;
  actor: Actor;
  audit: AccessCollector;
}

/**
 * A service's factory. `deps` holds the other modules' services by name, built on first use
 * whichever module provides them: a factory names what it needs as its parameter's type.
 */
export type ServiceFactory<S, D> = (env: ModuleEnv, deps: D) => S;

/**
 * One domain of the hub, registered by its `index.ts` (the way graphql-hive's modules are):
 * its resolvers, its TypeORM entities, its services (built once), its per-request loaders, and
 * the Enterprise fields it can add to the profile's one statement. The module list
 * (`modules/index.ts`) is the only place that names every module.
 */
export interface HubModule<F extends Record<string, ServiceFactory<unknown, never>> = Record<string, ServiceFactory<unknown, never>>, L extends object = object> {
  name: string;
  resolvers: readonly (new () => object)[];
  entities?: readonly (new () => object)[];
  services?: F;
  loaders?: (env: RequestEnv) => L;
  /** Enterprise fields whose rows can come with the enterprise (see enterprise.profile.ts), read from this module's loaders. */
  profile?: ProfileParts<L>;
}

/** Declares a module; the identity function is there to infer its types. */
export function defineModule<F extends Record<string, ServiceFactory<unknown, never>>, L extends object = object>(module: HubModule<F, L>): HubModule<F, L> {
  return module;
}

/** The services a module provides, by name. */
export type ServicesOf<M> = M extends { services?: infer F } ? { [K in keyof F]: F[K] extends (...args: never[]) => infer S ? S : never } : never;
/** The loaders a module provides. */
export type LoadersOf<M> = M extends { loaders?: (env: RequestEnv) => infer L } ? L : object;

/**
 * Builds every module's services once, each on first use by name, so that a factory's `deps`
 * may name a service of any module, listed before or after it. A name provided twice, a name no
 * module provides, and services that need each other are errors at start, not at the first request.
 */
export function buildServices(modules: readonly HubModule[], env: ModuleEnv): Record<string, unknown> {
  const factories = new Map<string, { factory: ServiceFactory<unknown, never>; module: string }>();
  for (const m of modules) {
    for (const [name, factory] of Object.entries(m.services ?? {})) {
      const other = factories.get(name);
      if (other) throw new Error(`The service "${name}" is provided twice (modules ${other.module} and ${m.name}).`);
      factories.set(name, { factory, module: m.name });
    }
  }
  const built = new Map<string, unknown>();
  const building: string[] = [];
  const service = (name: string): unknown => {
    if (built.has(name)) return built.get(name);
    const entry = factories.get(name);
    if (!entry) throw new Error(`No module provides the service "${name}" (needed by ${building.at(-1) ?? "the hub"}).`);
    if (building.includes(name)) throw new Error(`Services need each other: ${[...building, name].join(" → ")}.`);
    building.push(name);
    const value = entry.factory(env, new Proxy({}, { get: (_, dep) => service(String(dep)) }) as never);
    building.pop();
    built.set(name, value);
    return value;
  };
  for (const name of factories.keys()) service(name);
  return Object.fromEntries(built);
}

/** One request's loaders of every module, merged; two modules naming the same loader is an error, not a silent overwrite. */
export function mergeLoaders(modules: readonly HubModule[], env: RequestEnv): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const m of modules) {
    for (const [name, loader] of Object.entries(m.loaders?.(env) ?? {})) {
      if (name in merged) throw new Error(`The loader "${name}" is provided twice (module ${m.name}).`);
      merged[name] = loader;
    }
  }
  return merged;
}

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

const ENV = Symbol("request env");
const BUILT = Symbol("built loaders");
type LazyLoaders = Record<string | symbol, unknown> & { [ENV]: RequestEnv; [BUILT]: Record<string, unknown>[] };

/**
 * One request's loaders of every module, merged: two modules naming the same loader is an error,
 * not a silent overwrite. A request builds only the modules' loaders it uses (a profile touches a
 * few of some 25 modules): each name is a getter on a prototype shared by all requests, which
 * builds its module's loaders for this request on first use. The names are learnt from the first
 * request, which builds them all once.
 */
export function mergeLoaders(modules: readonly HubModule[]): (env: RequestEnv) => Record<string, unknown> {
  let prototype: object | null = null;
  const learn = (env: RequestEnv): { prototype: object; built: Record<string, unknown>[] } => {
    const owner = new Map<string, number>();
    const built = modules.map((m, i) => {
      const loaders = (m.loaders?.(env) ?? {}) as Record<string, unknown>;
      for (const name of Object.keys(loaders)) {
        if (owner.has(name)) throw new Error(`The loader "${name}" is provided twice (module ${m.name}).`);
        owner.set(name, i);
      }
      return loaders;
    });
    const proto: PropertyDescriptorMap = {};
    for (const [name, i] of owner) {
      proto[name] = {
        enumerable: true,
        get(this: LazyLoaders) {
          const built = this[BUILT];
          built[i] ??= (modules[i].loaders?.(this[ENV]) ?? {}) as Record<string, unknown>;
          return built[i][name];
        },
      };
    }
    return { prototype: Object.create(null, proto) as object, built };
  };
  return (env) => {
    let built: Record<string, unknown>[] = [];
    if (!prototype) ({ prototype, built } = learn(env));
    const loaders = Object.create(prototype) as LazyLoaders;
    loaders[ENV] = env;
    loaders[BUILT] = built;
    return loaders;
  };
}

import type { DataSource } from "typeorm";
import type { AccessCollector } from "../auth/access-collector";
import type { Actor } from "../auth/actor";
import type { Config } from "../config";
import type { ProfileParts } from "../db/loader";

/** What a module's services are built from, once per process. */
export interface ModuleEnv {
  db: DataSource;
  config: Config;
  /** The access log's chain key, where the caller has read it (verification needs it). */
  auditKey: Buffer | null;
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

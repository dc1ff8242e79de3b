import type { DocumentNode, ExecutionResult } from "graphql";
import type { AccessCollector } from "../auth/access-collector";
import type { Actor, AgencyActor, SubjectActor } from "../auth/actor";

/**
 * The services of all modules, one property per service. Filled in by the module list
 * (`modules/index.ts`, by declaration merging), so that this file, which every resolver imports,
 * imports no module: the dependency points from the list down to here, never from a module up.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleServices {}

/** The per-request loaders of all modules; filled in like ModuleServices. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleLoaders {}

/** One request's context: built by the server for each request and never shared between callers. */
export interface RequestContext {
  actor: Actor;
  loaders: ModuleLoaders;
  services: ModuleServices;
  /** What this request read, for the access log. */
  audit: AccessCollector;
  /** The client's address as the socket sees it (behind a proxy: the proxy's); only counted, never stored (tip-offs). */
  clientAddress: string;
  /** The calling agency; the public audience and subjects cannot write facts. */
  requireAgency(): AgencyActor;
  /** The calling agency or subject (an enterprise acting on its own records, e.g. filing an objection). */
  requireIdentified(): AgencyActor | SubjectActor;
}

/**
 * Runs a GraphQL operation through the hub's shielded schema in a caller's request context (its
 * field and row rules; what it reads goes into that context's access record). The server builds
 * the schema and provides this at start; a module that must show exactly what a caller may read
 * (credit reports) receives it.
 */
export type OperationRunner = (context: RequestContext, document: DocumentNode, variables: Record<string, unknown>) => Promise<ExecutionResult>;

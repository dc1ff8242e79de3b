import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import type { Config } from "../config";
import type { Logger } from "../shared/logger";
import type { RequestContext } from "../modules/context";
import { createFormatError } from "./format-error";
import { inputBoundsPlugin } from "./plugins/input-bounds.plugin";
import { introspectionPlugin } from "./plugins/introspection.plugin";
import { armorProtection, costLimitPlugin, tokenLimitParseOptions } from "./plugins/limits";
import { httpOperationTypeRule } from "./plugins/operation-type.rule";
import { unavailablePlugin } from "./plugins/unavailable.plugin";

/** The Apollo server without any listener: main.ts and the tests share it. */
export function createApollo(
  schema: GraphQLSchema,
  config: Config,
  logger: Logger,
  extraPlugins: ApolloServerPlugin<RequestContext>[] = [],
): ApolloServer<RequestContext> {
  const development = config.env === "development";
  const armor = armorProtection(config.env === "production");
  return new ApolloServer<RequestContext>({
    schema,
    validationRules: [httpOperationTypeRule, ...armor.validationRules],
    parseOptions: tokenLimitParseOptions,
    allowBatchedHttpRequests: false,
    formatError: createFormatError(logger, development),
    includeStacktraceInErrorResponses: development,
    // A CSRF-safe API for agency systems: JSON POSTs only (Apollo's preflight check stays on).
    csrfPrevention: true,
    // main.ts owns the shutdown order (drain HTTP, stop Apollo, close the database).
    stopOnTerminationSignals: false,
    introspection: true,
    // Automatic persisted queries would let anyone register an operation: off when only trusted
    // documents may run (they are resolved before Apollo, in http-server.ts).
    persistedQueries: config.trustedDocuments.only ? false : undefined,
    plugins: [
      ...armor.plugins,
      unavailablePlugin(),
      inputBoundsPlugin(),
      costLimitPlugin(schema),
      introspectionPlugin(config.env !== "production"),
      ...extraPlugins,
      // The hub sets no cache hints; the default cache-control plugin wrapped every field to compute them.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads from a CDN; the hub's own explorer is at / and /graphiql.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
}

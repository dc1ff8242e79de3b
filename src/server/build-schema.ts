import path from "node:path";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { resolvers } from "../modules";
import { projectRoot } from "../shared/project-root";

export const SCHEMA_FILE = path.join(projectRoot(), "schema", "schema.graphql");

/**
 * type-graphql insists on a PubSub once there is a subscription, even when every subscription
 * brings its own `subscribe` (events stream from the outbox: modules/event). Topics are not used.
 */
const NO_TOPICS = {
  publish(): void {
    throw new Error("the hub publishes events through its outbox, not type-graphql topics");
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error("the hub's subscriptions bring their own subscribe function");
  },
};

/** The executable schema from the type-graphql resolvers. */
export function buildHubSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: false, pubSub: NO_TOPICS });
}

/** The SDL committed as schema/schema.graphql: sorted, so that it changes only when the API does. */
export function printHubSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

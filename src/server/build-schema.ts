import path from "node:path";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { resolvers } from "../modules";
import { projectRoot } from "../shared/project-root";

export const SCHEMA_FILE = path.join(projectRoot(), "schema", "schema.graphql");

/** The executable schema from the type-graphql resolvers. */
export function buildHubSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: false });
}

/** The SDL committed as schema/schema.graphql: sorted, so that it changes only when the API does. */
export function printHubSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

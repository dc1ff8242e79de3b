import fs from "node:fs";
import path from "node:path";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, parse, print } from "graphql";
import type { HubContext } from "../context";

/** The registered operations: every document in `dir`'s .graphql files, normalised by parse and print. */
export function loadSafelist(dir: string): Set<string> {
  if (!fs.existsSync(dir)) throw new Error(`HUB_SAFELIST is on but the operations folder ${dir} does not exist`);
  const documents = fs.readdirSync(dir).filter((f) => f.endsWith(".graphql")).map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
  return new Set(documents.map((d) => print(parse(d))));
}

/** With HUB_SAFELIST=on only registered operations run; anything else is refused before validation. */
export function safelistPlugin(registered: Set<string>): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveSource({ source }) {
          let normalised: string | null = null;
          try {
            normalised = print(parse(source));
          } catch {
            // Apollo reports the syntax error itself.
          }
          if (normalised !== null && !registered.has(normalised)) {
            throw new GraphQLError("This operation is not on the hub's safelist of registered operations.", {
              extensions: { code: "OPERATION_NOT_REGISTERED", http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

import fs from "node:fs";
import path from "node:path";
import { GraphQLError, type ValidationRule, parse, print } from "graphql";

/** An operation refused because it is not registered (HTTP 400). */
export class OperationNotRegisteredError extends GraphQLError {
  constructor() {
    super("This operation is not on the hub's safelist of registered operations.", {
      extensions: { code: "OPERATION_NOT_REGISTERED", http: { status: 400 } },
    });
  }
}

/** The registered operations: every document in `dir`'s .graphql files, normalised by parse and print. */
export function loadSafelist(dir: string): Set<string> {
  if (!fs.existsSync(dir)) throw new Error(`HUB_SAFELIST is on but the operations folder ${dir} does not exist`);
  const documents = fs.readdirSync(dir).filter((f) => f.endsWith(".graphql")).map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
  return new Set(documents.map((d) => print(parse(d))));
}

/**
 * With HUB_SAFELIST=on only registered operations run. A validation rule, so that a refusal is a
 * 400 before anything executes (an error thrown by a plugin hook would be a 500).
 */
export function safelistRule(registered: Set<string>): ValidationRule {
  return (context) => ({
    Document(node) {
      if (!registered.has(print(node))) context.reportError(new OperationNotRegisteredError());
      return false;
    },
  });
}

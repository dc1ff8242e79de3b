import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, getNamedType, isListType, getNullableType, type GraphQLSchema, type ValidationContext, type ValidationRule } from "graphql";
import { type ComplexityEstimator, getComplexity } from "graphql-query-complexity";
import type { HubContext } from "../context";

/** POLICY.md, Limits. Names say what each number bounds. */
export const LIMITS = {
  depth: 8,
  aliases: 15,
  tokens: 2_000,
  directives: 50,
  cost: 5_000,
  /** Lists without a `first` argument (holders, entries, reasons) count as this many items. */
  unpagedListSize: 5,
};

/** A query refused before anything runs: always HTTP 400 with QUERY_TOO_COMPLEX. */
export class QueryTooComplexError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: "QUERY_TOO_COMPLEX", http: { status: 400 } } });
  }
}

/**
 * graphql-armor's depth, alias and directive limits. Its rules throw inside validation, which
 * Apollo answers with a 500; so rejections are reported through the validation context instead
 * (propagateOnRejection: false) and Apollo answers 400. Armor's token limit is not used: it runs
 * in a parsing hook that has no validation context (it reported nothing and let every document
 * through) and, when it throws, Apollo answers 500. graphql-js's own parser limit
 * (`tokenLimitParseOptions`) stops parsing at the limit instead, and Apollo answers 400.
 */
export function armorProtection(production: boolean): { plugins: ApolloServerPlugin<HubContext>[]; validationRules: ValidationRule[] } {
  const reject = [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(new QueryTooComplexError(error.message.replace(/^Syntax Error: /, "")))];
  const callbacks = { propagateOnRejection: false, onReject: reject };
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.depth, ...callbacks },
    maxAliases: { n: LIMITS.aliases, ...callbacks },
    maxTokens: { enabled: false },
    maxDirectives: { n: LIMITS.directives, ...callbacks },
    // The cost rule below reads list sizes from `first`; armor's would not.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins: plugins as ApolloServerPlugin<HubContext>[], validationRules };
}

/** Parser options for Apollo: parsing stops once a document exceeds the token limit. */
export const tokenLimitParseOptions = { maxTokens: LIMITS.tokens };

/** graphql-js's message when `maxTokens` stopped the parser (16.x spells it "more that"). */
export function isTokenLimitError(message: string): boolean {
  return /^Syntax Error: Document contains more th(?:an|at) \d+ tokens/.test(message);
}

/** Each field costs 1 plus its children times the list size: `first` where given, else a small default. */
const listSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const type = getNullableType(field.type);
  const connection = getNamedType(type).name.endsWith("Connection");
  if (typeof args.first === "number") return 1 + args.first * Math.max(childComplexity, 1);
  // creditReview sizes itself: at most 1000 codes, checked by the review.
  if (field.name === "creditReview") return 1 + childComplexity;
  // A connection's edges are as many as its `first`, already counted on the connection field.
  if (field.name === "edges") return 1 + childComplexity;
  if (isListType(type) && !connection) return 1 + LIMITS.unpagedListSize * childComplexity;
  return 1 + childComplexity;
};

/** Refuses an operation whose estimated cost exceeds the limit, after validation and before execution. */
export function costLimitPlugin(schema: GraphQLSchema): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [listSizeEstimator],
            });
          } catch {
            // Variables that do not coerce: execution reports them as BAD_USER_INPUT (400), nothing runs.
            return;
          }
          if (cost > LIMITS.cost) throw new QueryTooComplexError(`The query costs ${cost}, more than the limit of ${LIMITS.cost}; ask for smaller pages.`);
        },
      };
    },
  };
}

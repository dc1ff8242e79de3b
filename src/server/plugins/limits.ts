import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  type DocumentNode,
  type GraphQLField,
  GraphQLError,
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
  visit,
} from "graphql";
import { type ComplexityEstimator, getComplexity } from "graphql-query-complexity";
import { MAX_FEEDBACK_BATCH } from "../../modules/feedback/feedback.service";
import { MAX_REVIEW_CODES } from "../../modules/review/review.service";
import { SANCTION_CATALOGUE } from "../../modules/sanction/sanction-catalogue";
import { MAX_PAGE_SIZE } from "../../shared/pagination";
import type { RequestContext } from "../../modules/context";

/** The request limits (depth, cost, tokens, page and list sizes). Names say what each number bounds. */
export const LIMITS = {
  depth: 8,
  aliases: 15,
  tokens: 2_000,
  directives: 50,
  cost: 5_000,
  /**
   * Bulk operations (a credit review of up to 1000 codes, a batch of up to 500 reports) are costed
   * per item against this budget of their own, shared by every bulk field of the document: a
   * full review of 1000 codes must pass, while 100 × 100 nested lists must not.
   */
  bulkCost: 60_000,
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
export function armorProtection(production: boolean): { plugins: ApolloServerPlugin<RequestContext>[]; validationRules: ValidationRule[] } {
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
  return { plugins: plugins as ApolloServerPlugin<RequestContext>[], validationRules };
}

/** Parser options for Apollo: parsing stops once a document exceeds the token limit. */
export const tokenLimitParseOptions = { maxTokens: LIMITS.tokens };

/** graphql-js's message when `maxTokens` stopped the parser (16.x spells it "more that"). */
export function isTokenLimitError(message: string): boolean {
  return /^Syntax Error: Document contains more th(?:an|at) \d+ tokens/.test(message);
}

/**
 * Argument lists whose length sizes the answer: a review answers one result per code, a batch one
 * item per input. Counted per element, so 1,000 codes cost 1,000 results (they cost one before).
 */
const SIZED_BY_LIST_ARGUMENT: Record<string, { argument: string; max: number }> = {
  "Query.creditReview": { argument: "creditCodes", max: MAX_REVIEW_CODES },
  "Mutation.registerSanctionFeedbackBatch": { argument: "inputs", max: MAX_FEEDBACK_BATCH },
};

/** Unpaged lists whose length the hub itself bounds: the measure catalogue. */
const FIXED_LIST_SIZES: Record<string, number> = {
  "Query.sanctionMeasures": SANCTION_CATALOGUE.length,
  "BlacklistEntry.measures": SANCTION_CATALOGUE.length,
};

/** An argument value the resolver would refuse; reported before anything runs. */
export interface RefusedArgument {
  field: string;
  message: string;
}

/**
 * The page size a paged field will use: `first` as given, the schema default when it is missing,
 * and, for an explicit null (the resolvers then take their default), the default or the maximum.
 */
function pageSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): unknown {
  if (args.first !== null && args.first !== undefined) return args.first;
  const declared = field.args.find((a) => a.name === "first")?.defaultValue;
  return typeof declared === "number" ? declared : MAX_PAGE_SIZE;
}

/**
 * Each field costs 1 plus its children times the number of items it can return, so the estimate
 * bounds the objects and list items of the answer (the cost-property test checks it):
 * - a paged field (`first`) returns at most `first` items; values a resolver would refuse
 *   (negative, above the maximum, not an integer) are collected in `refused`, and never lower the
 *   cost: 0 still counts one item, for the connection's pageInfo and totalCount;
 * - a list sized by a list argument (review codes, batch items) counts one item per element,
 *   against the bulk budget (LIMITS.bulkCost) instead of the operation's;
 * - a list of enum values at most one item per value; the measure catalogue its length;
 * - any other unpaged list LIMITS.unpagedListSize items (an assumption about the data: see README).
 */
function listSizeEstimator(refused: RefusedArgument[], bulk: { cost: number }): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    // Introspection reads the schema, not the data: its answer is bounded by the schema's size
    // (an explorer's full introspection estimated 8,700 and was refused). Who may introspect is
    // the introspection plugin's rule.
    if (field.name === "__schema" || field.name === "__type") return 0;
    const key = `${type.name}.${field.name}`;
    const children = Math.max(childComplexity, 1);
    if (field.args.some((a) => a.name === "first")) {
      const first = pageSize(field, args);
      if (typeof first !== "number" || !Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
        refused.push({ field: "first", message: `first must be between 0 and ${MAX_PAGE_SIZE}; got ${String(first)} (at ${key}).` });
        return 1 + MAX_PAGE_SIZE * children;
      }
      return 1 + Math.max(first, 1) * children;
    }
    const sized = SIZED_BY_LIST_ARGUMENT[key];
    if (sized) {
      const value = args[sized.argument];
      const n = Array.isArray(value) ? value.length : 1;
      if (n > sized.max) refused.push({ field: sized.argument, message: `${sized.argument} takes at most ${sized.max} items; got ${n} (at ${key}).` });
      bulk.cost += Math.max(n, 1) * children;
      return 1;
    }
    const nullable = getNullableType(field.type);
    // A connection's edges are as many as its `first`, already counted on the connection field.
    if (field.name === "edges" || !isListType(nullable)) return 1 + childComplexity;
    const item = getNamedType(nullable);
    const size = FIXED_LIST_SIZES[key] ?? (isEnumType(item) ? item.getValues().length : LIMITS.unpagedListSize);
    return 1 + size * children;
  };
}

/** A page size or list argument refused before anything runs: HTTP 400, BAD_USER_INPUT at the argument. */
export class ArgumentOutOfRangeError extends GraphQLError {
  constructor({ field, message }: RefusedArgument) {
    super(message, { extensions: { code: "BAD_USER_INPUT", field, http: { status: 400 } } });
  }
}

/** The estimated cost of an operation, and the arguments in it that a resolver would refuse. */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>) {
  const refused: RefusedArgument[] = [];
  const bulk = { cost: 0 };
  const cost = getComplexity({ schema, query: document, operationName, variables, estimators: [listSizeEstimator(refused, bulk)] });
  return { cost, bulkCost: bulk.cost, refused };
}

/** The arguments the estimate reads (listSizeEstimator): page sizes and the sized lists. Nothing else changes a cost. */
const COSTED_ARGUMENTS = new Set(["first", ...Object.values(SIZED_BY_LIST_ARGUMENT).map((s) => s.argument)]);

/** The variables a document passes, anywhere inside, to a costed argument; its cost depends on these alone. */
function costedVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  let inCosted = 0;
  visit(document, {
    Argument: {
      enter: (node) => void (COSTED_ARGUMENTS.has(node.name.value) && inCosted++),
      leave: (node) => void (COSTED_ARGUMENTS.has(node.name.value) && inCosted--),
    },
    Variable: (node) => void (inCosted > 0 && names.add(node.name.value)),
  });
  return [...names].sort();
}

type Estimate = ReturnType<typeof estimateCost>;
/** Estimates kept per document (Apollo hands the same DocumentNode for the same text) and costed variables' values. */
const MAX_ESTIMATES_PER_DOCUMENT = 64;

/**
 * Estimating walks the whole document with the schema on every request; the answer depends only on
 * the document, the operation and the costed variables' values, so it is kept for those. A profile
 * read by credit code is estimated once, not once per code.
 */
function cachedEstimator(schema: GraphQLSchema) {
  const byDocument = new WeakMap<DocumentNode, { costed: string[]; estimates: Map<string, Estimate> }>();
  return (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): Estimate => {
    let entry = byDocument.get(document);
    if (!entry) byDocument.set(document, (entry = { costed: costedVariables(document), estimates: new Map() }));
    // A sized list costs by its length (1,000 codes are not spelled out in the key); a page size by its value.
    const key = JSON.stringify([operationName ?? null, ...entry.costed.map((name) => {
      const value = variables[name];
      return Array.isArray(value) ? { length: value.length } : (value ?? null);
    })]);
    const known = entry.estimates.get(key);
    if (known) return known;
    const estimate = estimateCost(schema, document, operationName, variables);
    if (entry.estimates.size >= MAX_ESTIMATES_PER_DOCUMENT) entry.estimates.clear();
    entry.estimates.set(key, estimate);
    return estimate;
  };
}

/**
 * Refuses, after validation and before execution, an operation with a page size or list argument
 * out of range (literal, variable or default alike) or whose estimated cost exceeds the limit.
 */
export function costLimitPlugin(schema: GraphQLSchema): ApolloServerPlugin<RequestContext> {
  const estimated = cachedEstimator(schema);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let estimate: Estimate;
          try {
            estimate = estimated(document, request.operationName ?? undefined, request.variables ?? {});
          } catch {
            // Variables that do not coerce: execution reports them as BAD_USER_INPUT (400), nothing runs.
            return;
          }
          if (estimate.refused.length) throw new ArgumentOutOfRangeError(estimate.refused[0]);
          if (estimate.cost > LIMITS.cost) {
            throw new QueryTooComplexError(`The query costs ${estimate.cost}, more than the limit of ${LIMITS.cost}; ask for smaller pages.`);
          }
          if (estimate.bulkCost > LIMITS.bulkCost) {
            throw new QueryTooComplexError(
              `Its reviews and batches cost ${estimate.bulkCost} together, more than the limit of ${LIMITS.bulkCost}; select fewer fields per item or send fewer items.`,
            );
          }
        },
      };
    },
  };
}

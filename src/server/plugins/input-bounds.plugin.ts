import type { ApolloServerPlugin } from "@apollo/server";
import {
  type ArgumentNode,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLField,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  getArgumentValues,
  getNullableType,
  getVariableValues,
  isInputObjectType,
  isListType,
  isScalarType,
  visit,
  visitWithTypeInfo,
} from "graphql";
import { ErrorCode } from "../../shared/errors";
import { declaredArgMaxLength, declaredMaxLength } from "../../shared/max-length";
import { DEFAULT_MAX_LENGTH, textProblem } from "../../shared/text-bounds";
import type { RequestContext } from "../../modules/context";

/** A string argument the hub will not take: HTTP 400, BAD_USER_INPUT, the argument path in `field`. */
export class InputBoundsError extends GraphQLError {
  constructor(message: string, field: string, node?: ArgumentNode) {
    super(message, { nodes: node, extensions: { code: ErrorCode.BAD_USER_INPUT, field, http: { status: 400 } } });
  }
}

interface Problem {
  path: string;
  problem: string;
}

/** Walks a coerced value by its input type; String and ID leaves are checked against their maximum. */
function checkValue(type: GraphQLInputType, value: unknown, path: string, max: number | undefined): Problem | null {
  if (value === null || value === undefined) return null;
  const t = getNullableType(type);
  if (isListType(t)) {
    const items = Array.isArray(value) ? value : [value];
    for (const [i, item] of items.entries()) {
      const found = checkValue(t.ofType, item, Array.isArray(value) ? `${path}.${i}` : path, max);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(t)) {
    for (const field of Object.values(t.getFields())) {
      const found = checkValue(field.type, (value as Record<string, unknown>)[field.name], `${path}.${field.name}`, declaredMaxLength(field));
      if (found) return found;
    }
    return null;
  }
  if (isScalarType(t) && (t.name === "String" || t.name === "ID") && typeof value === "string") {
    const problem = textProblem(value, max ?? DEFAULT_MAX_LENGTH[t.name]);
    return problem ? { path, problem } : null;
  }
  // Enums, numbers, booleans and the hub's own scalars (CreditCode, Date …) check themselves.
  return null;
}

/** The first argument of the operation (literal or variable, at any depth) that may not be stored. */
export function findBoundsProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): InputBoundsError | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  // Variables that do not coerce: execution reports them as BAD_USER_INPUT (400) and runs nothing.
  if (coerced.errors) return null;
  const typeInfo = new TypeInfo(schema);
  let found: InputBoundsError | null = null;
  const check = (owner: string, args: readonly GraphQLArgument[], node: { arguments?: readonly ArgumentNode[] }, maxOf: (arg: string) => number | undefined) => {
    if (found || !node.arguments?.length) return;
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues({ args } as GraphQLField<unknown, unknown>, node as never, coerced.coerced);
    } catch {
      return; // not valid for this operation's variables: execution reports it
    }
    for (const arg of args) {
      const problem = checkValue(arg.type, values[arg.name], arg.name, maxOf(arg.name));
      if (problem) {
        const where = node.arguments.find((a) => a.name.value === arg.name);
        found = new InputBoundsError(`${problem.path} (an argument of ${owner}) ${problem.problem}. Nothing was run.`, problem.path, where);
        return;
      }
    }
  };
  // The chosen operation and the fragments it may spread; other operations of the document do not run.
  const nodes = [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)];
  for (const node of nodes) {
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        Field(field) {
          const def = typeInfo.getFieldDef();
          const parent = typeInfo.getParentType();
          if (def) check(`${parent?.name}.${def.name}`, def.args, field, (arg) => declaredArgMaxLength(def, arg));
        },
        Directive(directive) {
          const def = typeInfo.getDirective();
          if (def) check(`@${def.name}`, def.args, directive, () => undefined);
        },
      }),
    );
    if (found) return found;
  }
  return found;
}

/**
 * The one place where every String and ID value reaching the hub is checked (literal arguments,
 * variables, nested input fields, list items): after validation, before execution, so a refused
 * value leaves nothing half-written. Per-value maxima come from the schema (`@MaxLength`,
 * `@ArgMaxLength`), others from DEFAULT_MAX_LENGTH.
 */
export function inputBoundsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // Apollo resolves the operation before this hook; without one there is nothing to run.
          if (!operation) return;
          const problem = findBoundsProblem(schema, document, operation, request.variables ?? {});
          if (problem) throw problem;
        },
      };
    },
  };
}

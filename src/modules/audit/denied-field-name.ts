import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  getNamedType,
  isInterfaceType,
  isObjectType,
} from "graphql";

/** The field a response key stands for, looking through aliases, inline fragments and fragment spreads. */
function fieldAt(selections: readonly SelectionNode[], key: string, fragments: Map<string, FragmentDefinitionNode>): FieldNode | undefined {
  for (const s of selections) {
    if (s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === key) return s;
    const nested = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet.selections : s.kind === Kind.FRAGMENT_SPREAD ? fragments.get(s.name.value)?.selectionSet.selections : undefined;
    const found = nested && fieldAt(nested, key, fragments);
    if (found) return found;
  }
  return undefined;
}

/**
 * `Type.field` for the field at a response path, as the shield names the fields it denies. The path
 * holds the caller's aliases; the log must name the field that was refused, not the alias the
 * caller chose. Null when the path cannot be followed (it then names nothing it is unsure of).
 */
export function deniedFieldName(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  path: readonly (string | number)[],
): string | null {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  let type: GraphQLObjectType | GraphQLInterfaceType | null = schema.getRootType(operation.operation) ?? null;
  let selections: readonly SelectionNode[] = operation.selectionSet.selections;
  let name: string | null = null;
  for (const key of path) {
    if (typeof key === "number") continue;
    if (!type) return null;
    const node = fieldAt(selections, key, fragments);
    const field: GraphQLField<unknown, unknown> | undefined = node && type.getFields()[node.name.value];
    if (!node || !field) return null;
    name = `${type.name}.${field.name}`;
    const next: GraphQLNamedType = getNamedType(field.type);
    type = isObjectType(next) || isInterfaceType(next) ? next : null;
    selections = node.selectionSet?.selections ?? [];
  }
  return name;
}

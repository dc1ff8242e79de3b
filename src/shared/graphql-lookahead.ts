import { type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo, Kind, type SelectionSetNode, getArgumentValues } from "graphql";

export interface SelectedField {
  name: string;
  /** The field's arguments with defaults applied and variables substituted, as its resolver gets them. */
  args: Record<string, unknown>;
}

/**
 * The fields selected on the object a resolver returns (through fragments and inline fragments),
 * so that a root resolver can fetch its children in the same statement. Fields under @skip or
 * @include are counted as selected: fetching one part too many is harmless.
 */
export function selectedFields(info: GraphQLResolveInfo, type: GraphQLObjectType): SelectedField[] {
  const definitions = type.getFields();
  const out: SelectedField[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const definition = definitions[selection.name.value];
        if (definition) out.push({ name: selection.name.value, args: getArgumentValues(definition, selection as FieldNode, info.variableValues) });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return out;
}

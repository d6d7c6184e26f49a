import {
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

/** One field of a selection, with the type its enclosing fragment (or parent) applies to. */
export interface CollectedField {
  node: FieldNode;
  scope: GraphQLCompositeType;
}

export interface WalkContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** Flattens fragment spreads and inline fragments (ignoring @skip/@include: cost is worst-case). */
export function collectFields(
  ctx: WalkContext,
  selectionSet: SelectionSetNode | undefined,
  scope: GraphQLCompositeType,
  out: CollectedField[] = [],
  seen = new Set<string>(),
): CollectedField[] {
  for (const sel of selectionSet?.selections ?? []) {
    if (sel.kind === Kind.FIELD) {
      out.push({ node: sel, scope });
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const cond = sel.typeCondition ? ctx.schema.getType(sel.typeCondition.name.value) : scope;
      if (cond && isCompositeType(cond)) collectFields(ctx, sel.selectionSet, cond, out, seen);
    } else {
      const frag = ctx.fragments[sel.name.value];
      if (!frag || seen.has(frag.name.value)) continue;
      const cond = ctx.schema.getType(frag.typeCondition.name.value);
      if (cond && isCompositeType(cond)) {
        collectFields(ctx, frag.selectionSet, cond, out, new Set([...seen, frag.name.value]));
      }
    }
  }
  return out;
}

/** Does a field collected under `scope` apply when the runtime type is `concrete`? */
export function appliesTo(ctx: WalkContext, scope: GraphQLCompositeType, concrete: GraphQLNamedType): boolean {
  if (scope === concrete) return true;
  if ((isInterfaceType(scope) || isUnionType(scope)) && isObjectType(concrete)) {
    return ctx.schema.isSubType(scope, concrete);
  }
  return false;
}

export function fieldDef(scope: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isUnionType(scope)) return undefined;
  return scope.getFields()[name];
}

/** Shopify connections: `XConnection` types with edges/nodes; the page size comes from first/last. */
export function connectionNodeType(type: GraphQLNamedType): GraphQLNamedType | null {
  if (!isObjectType(type) || !type.name.endsWith("Connection")) return null;
  const fields = type.getFields();
  const nodes = fields.nodes ?? fields.edges;
  if (!nodes) return null;
  const named = getNamedType(nodes.type);
  if (fields.nodes) return named;
  return isObjectType(named) && named.getFields().node ? getNamedType(named.getFields().node!.type) : null;
}

export function argValue(ctx: WalkContext, node: FieldNode, name: string): unknown {
  const arg = node.arguments?.find((a) => a.name.value === name);
  return arg ? literal(ctx, arg.value) : undefined;
}

function literal(ctx: WalkContext, value: ValueNode): unknown {
  switch (value.kind) {
    case Kind.INT:
      return Number.parseInt(value.value, 10);
    case Kind.VARIABLE:
      return ctx.variables[value.name.value];
    case Kind.NULL:
      return null;
    default:
      return "value" in value ? value.value : undefined;
  }
}

export function pageSize(ctx: WalkContext, node: FieldNode): number {
  const first = argValue(ctx, node, "first");
  const last = argValue(ctx, node, "last");
  const size = typeof first === "number" ? first : typeof last === "number" ? last : 0;
  return Math.max(0, size);
}

export function isAbstract(type: GraphQLNamedType): boolean {
  return isAbstractType(type);
}

import {
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  isCompositeType,
  isLeafType,
  isObjectType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

import { CONNECTION_COST, MUTATION_COST } from "./cost.ts";
import { type CollectedField, collectFields, connectionNodeType, fieldDef, type WalkContext } from "./cost-walk.ts";

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The cost of what was actually returned: the same rules as the requested cost, but a connection
 * is charged for the nodes it returned, and a null object only for itself.
 */
export function actualCost(ctx: WalkContext, op: OperationDefinitionNode, data: unknown): number {
  const root = op.operation === "mutation" ? ctx.schema.getMutationType() : ctx.schema.getQueryType();
  if (!root || !isJson(data)) return 0;
  let total = 0;
  for (const f of dedupe(collectFields(ctx, op.selectionSet, root), data)) {
    const key = f.node.alias?.value ?? f.node.name.value;
    const def = fieldDef(f.scope, f.node.name.value);
    if (!def) continue;
    const value = data[key];
    if (op.operation === "mutation") {
      total +=
        MUTATION_COST + (isJson(value) ? selectionActual(ctx, f.node.selectionSet, getNamedType(def.type), value) : 0);
    } else {
      total += fieldActual(ctx, f, value);
    }
  }
  return total;
}

/** Only the fields present in the response count; the first field per response key decides its type. */
function dedupe(fields: CollectedField[], data: Json): CollectedField[] {
  const seen = new Set<string>();
  const out: CollectedField[] = [];
  for (const f of fields) {
    const key = f.node.alias?.value ?? f.node.name.value;
    if (seen.has(key) || !(key in data)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

function selectionActual(
  ctx: WalkContext,
  sel: SelectionSetNode | undefined,
  type: GraphQLNamedType,
  value: Json,
): number {
  if (!isCompositeType(type)) return 0;
  const typename = value.__typename;
  const runtime = typeof typename === "string" ? ctx.schema.getType(typename) : undefined;
  const fields = collectFields(ctx, sel, type).filter((f) => {
    if (!runtime || !isObjectType(runtime)) return true;
    return f.scope === runtime || ctx.schema.isSubType(f.scope as never, runtime) || f.scope === type;
  });
  let total = 0;
  for (const f of dedupe(fields, value)) total += fieldActual(ctx, f, value[f.node.alias?.value ?? f.node.name.value]);
  return total;
}

function fieldActual(ctx: WalkContext, f: CollectedField, value: unknown): number {
  const def = fieldDef(f.scope, f.node.name.value);
  if (!def) return 0;
  const named = getNamedType(def.type);
  if (isLeafType(named)) return 0;
  const nodeType = connectionNodeType(named);
  if (nodeType && isJson(value) && isObjectType(named)) return connectionActual(ctx, f, named, nodeType, value);
  if (Array.isArray(value)) {
    let most = 0;
    for (const item of value) {
      if (isJson(item)) most = Math.max(most, selectionActual(ctx, f.node.selectionSet, named, item));
    }
    return 1 + most;
  }
  return 1 + (isJson(value) ? selectionActual(ctx, f.node.selectionSet, named, value) : 0);
}

function connectionActual(
  ctx: WalkContext,
  f: CollectedField,
  connType: GraphQLObjectType,
  nodeType: GraphQLNamedType,
  value: Json,
): number {
  let total = CONNECTION_COST;
  const perNodeObject = isLeafType(nodeType) ? 0 : 1;
  for (const sub of collectFields(ctx, f.node.selectionSet, connType)) {
    const list = value[sub.node.alias?.value ?? sub.node.name.value];
    if (!Array.isArray(list)) continue;
    if (sub.node.name.value === "nodes") {
      for (const node of list) {
        total += perNodeObject + (isJson(node) ? selectionActual(ctx, sub.node.selectionSet, nodeType, node) : 0);
      }
    } else if (sub.node.name.value === "edges") {
      const edgeType = getNamedType(connType.getFields().edges!.type) as GraphQLCompositeType;
      for (const edge of list) {
        if (!isJson(edge)) continue;
        for (const e of collectFields(ctx, sub.node.selectionSet, edgeType)) {
          if (e.node.name.value !== "node") continue;
          const node = edge[e.node.alias?.value ?? "node"];
          total += perNodeObject + (isJson(node) ? selectionActual(ctx, e.node.selectionSet, nodeType, node) : 0);
        }
      }
    }
  }
  return total;
}

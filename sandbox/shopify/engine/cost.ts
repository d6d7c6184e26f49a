import {
  type FieldNode,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  isCompositeType,
  isLeafType,
  isObjectType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

import {
  appliesTo,
  type CollectedField,
  collectFields,
  connectionNodeType,
  fieldDef,
  isAbstract,
  pageSize,
  type WalkContext,
} from "./cost-walk.ts";

/**
 * Shopify's calculated query cost (shopify.dev "API rate limits" → "Calculated query costs"):
 * scalars and enums 0, objects 1, a connection 2 plus `first`/`last` × the cost of one node
 * (the node object's 1 plus its selection), interfaces and unions the most expensive of their
 * possible selections, and 10 for a top-level mutation field (its payload selection added on top).
 */
export const MUTATION_COST = 10;
export const CONNECTION_COST = 2;

export interface FieldCost {
  path: string[];
  definedCost: number;
  requestedTotalCost: number;
  requestedChildrenCost: number | null;
}

interface Acc {
  fields: FieldCost[] | null;
}

function responseKey(node: FieldNode): string {
  return node.alias?.value ?? node.name.value;
}

/** Cost of a selection on `type`; for abstract types the dearest possible object type wins. */
function selectionCost(
  ctx: WalkContext,
  acc: Acc,
  sel: SelectionSetNode | undefined,
  type: GraphQLNamedType,
  path: string[],
): number {
  if (!sel || !isCompositeType(type)) return 0;
  const collected = collectFields(ctx, sel, type);
  if (!isAbstract(type)) return sumFields(ctx, acc, collected, type, path);
  let best = 0;
  for (const concrete of ctx.schema.getPossibleTypes(type as never)) {
    // Only the winning branch's per-field breakdown would be meaningful; skip it to keep debug output small.
    best = Math.max(best, sumFields(ctx, { fields: null }, collected, concrete, path));
  }
  if (acc.fields) {
    sumFields(
      ctx,
      acc,
      collected.filter((f) => f.scope === type),
      type,
      path,
    );
  }
  return best;
}

function sumFields(
  ctx: WalkContext,
  acc: Acc,
  collected: CollectedField[],
  concrete: GraphQLCompositeType,
  path: string[],
): number {
  let total = 0;
  const seen = new Set<string>();
  for (const f of collected) {
    if (!appliesTo(ctx, f.scope, concrete)) continue;
    const key = responseKey(f.node);
    if (seen.has(key)) continue;
    seen.add(key);
    total += fieldCost(ctx, acc, f, [...path, key], false);
  }
  return total;
}

function fieldCost(ctx: WalkContext, acc: Acc, f: CollectedField, path: string[], isMutationRoot: boolean): number {
  const def = fieldDef(f.scope, f.node.name.value);
  if (!def) return 0;
  const named = getNamedType(def.type);
  let defined = 0;
  let children: number | null = null;
  if (isMutationRoot) {
    defined = MUTATION_COST;
    children = selectionCost(ctx, acc, f.node.selectionSet, named, path);
  } else if (isLeafType(named)) {
    defined = 0;
  } else {
    const nodeType = connectionNodeType(named);
    if (nodeType) {
      defined = CONNECTION_COST;
      children = pageSize(ctx, f.node) * connectionNodeCost(ctx, acc, f.node.selectionSet, named, nodeType, path);
    } else {
      defined = 1;
      children = selectionCost(ctx, acc, f.node.selectionSet, named, path);
    }
  }
  const total = defined + (children ?? 0);
  acc.fields?.push({ path, definedCost: defined, requestedTotalCost: total, requestedChildrenCost: children });
  return total;
}

/** One node's cost in a connection selection: `edges { node {…} }` and `nodes {…}` each count. */
function connectionNodeCost(
  ctx: WalkContext,
  acc: Acc,
  sel: SelectionSetNode | undefined,
  connType: GraphQLNamedType,
  nodeType: GraphQLNamedType,
  path: string[],
): number {
  if (!isObjectType(connType)) return 0;
  let perNode = 0;
  for (const f of collectFields(ctx, sel, connType)) {
    const name = f.node.name.value;
    const key = responseKey(f.node);
    if (name === "nodes") {
      perNode += nodeObjectCost(nodeType) + selectionCost(ctx, acc, f.node.selectionSet, nodeType, [...path, key]);
    } else if (name === "edges") {
      const edgeType = getNamedType(connType.getFields().edges!.type);
      for (const e of collectFields(ctx, f.node.selectionSet, edgeType as GraphQLCompositeType)) {
        if (e.node.name.value !== "node") continue;
        perNode +=
          nodeObjectCost(nodeType) +
          selectionCost(ctx, acc, e.node.selectionSet, nodeType, [...path, key, responseKey(e.node)]);
      }
    }
  }
  return perNode;
}

function nodeObjectCost(nodeType: GraphQLNamedType): number {
  return isLeafType(nodeType) ? 0 : 1;
}

export interface RequestedCost {
  total: number;
  fields: FieldCost[];
}

export function requestedCost(ctx: WalkContext, op: OperationDefinitionNode, withFields: boolean): RequestedCost {
  const root = op.operation === "mutation" ? ctx.schema.getMutationType() : ctx.schema.getQueryType();
  if (!root) return { total: 0, fields: [] };
  const acc: Acc = { fields: withFields ? [] : null };
  let total = 0;
  for (const f of collectFields(ctx, op.selectionSet, root)) {
    total += fieldCost(ctx, acc, f, [responseKey(f.node)], op.operation === "mutation");
  }
  return { total, fields: acc.fields ?? [] };
}

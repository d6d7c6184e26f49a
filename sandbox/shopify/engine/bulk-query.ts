import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLCompositeType,
  type GraphQLSchema,
  isCompositeType,
  isListType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

import { collectFields, connectionNodeType, fieldDef, type WalkContext } from "./cost-walk.ts";

/**
 * A bulk query's shape, checked as Shopify's bulk operations guide states its restrictions: one
 * top-level field (not `node`/`nodes`), at least one and at most five connections, connections
 * nested at most two levels deep, no connection inside a list field, and every node that has a
 * nested connection selecting its `id` (children name their parent by it). The messages are the
 * sandbox's wording of those rules.
 */
export const MAX_BULK_CONNECTIONS = 5;
export const MAX_BULK_DEPTH = 2;

export interface BulkQueryPlan {
  op: OperationDefinitionNode;
  walk: WalkContext;
  root: FieldNode;
  /** The root field's response key and whether it is itself a connection (paged by the runner). */
  rootKey: string;
  rootIsConnection: boolean;
}

export function planBulkQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
): { plan: BulkQueryPlan } | { error: string } {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (ops.length !== 1 || !ops[0]) return { error: "Bulk queries must contain exactly one operation." };
  const op = ops[0];
  if (op.operation !== "query") {
    return { error: "Bulk queries must be query operations; run mutations with bulkOperationRunMutation." };
  }
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  const walk: WalkContext = { schema, fragments, variables: {} };
  const queryType = schema.getQueryType()!;
  const roots = collectFields(walk, op.selectionSet, queryType);
  if (roots.length !== 1 || !roots[0]) return { error: "Bulk queries must contain exactly one top-level field." };
  const root = roots[0].node;
  if (root.name.value === "node" || root.name.value === "nodes") {
    return { error: "Bulk queries cannot use the top-level `node` or `nodes` field." };
  }
  const stats = { connections: 0, depth: 0, problem: null as string | null };
  const rootDef = queryType.getFields()[root.name.value]!;
  scan(walk, root, queryType, rootDef.type, 0, false, stats);
  if (stats.problem) return { error: stats.problem };
  if (stats.connections === 0) return { error: "Bulk queries must contain at least one connection." };
  if (stats.connections > MAX_BULK_CONNECTIONS) {
    return { error: `Bulk queries cannot contain more than ${MAX_BULK_CONNECTIONS} connections.` };
  }
  if (stats.depth > MAX_BULK_DEPTH) {
    return { error: `Bulk queries cannot contain connections nested more than ${MAX_BULK_DEPTH} levels deep.` };
  }
  return {
    plan: {
      op,
      walk,
      root,
      rootKey: root.alias?.value ?? root.name.value,
      rootIsConnection: connectionNodeType(getNamedType(rootDef.type)) !== null,
    },
  };
}

function scan(
  walk: WalkContext,
  node: FieldNode,
  _parent: GraphQLCompositeType,
  type: Parameters<typeof getNamedType>[0],
  depth: number,
  inList: boolean,
  stats: { connections: number; depth: number; problem: string | null },
): void {
  if (stats.problem) return;
  const named = getNamedType(type);
  if (!isCompositeType(named)) return;
  const nodeType = connectionNodeType(named);
  if (nodeType) {
    if (inList) {
      stats.problem = `Queries that contain a connection field within a list field are not currently supported (${node.name.value}).`;
      return;
    }
    stats.connections += 1;
    stats.depth = Math.max(stats.depth, depth + 1);
    for (const sel of nodeSelections(walk, node.selectionSet, named as GraphQLCompositeType)) {
      if (!isCompositeType(nodeType)) continue;
      const fields = collectFields(walk, sel, nodeType);
      const hasNested = fields.some((f) => {
        const def = fieldDef(f.scope, f.node.name.value);
        return def ? containsConnection(walk, f.node, def.type) : false;
      });
      const selectsId = fields.some((f) => f.node.name.value === "id" && !f.node.alias);
      if (hasNested && !selectsId) {
        stats.problem = `The parent 'node' field of a nested connection must select the 'id' field without an alias (${node.name.value}).`;
        return;
      }
      for (const f of fields) {
        const def = fieldDef(f.scope, f.node.name.value);
        if (def) scan(walk, f.node, f.scope, def.type, depth + 1, false, stats);
      }
    }
    return;
  }
  const list = isListType(getNullableType(type));
  for (const f of collectFields(walk, node.selectionSet, named as GraphQLCompositeType)) {
    const def = fieldDef(f.scope, f.node.name.value);
    if (def) scan(walk, f.node, f.scope, def.type, depth, inList || list, stats);
  }
}

function containsConnection(walk: WalkContext, node: FieldNode, type: Parameters<typeof getNamedType>[0]): boolean {
  const named = getNamedType(type);
  if (!isCompositeType(named)) return false;
  if (connectionNodeType(named)) return true;
  return collectFields(walk, node.selectionSet, named).some((f) => {
    const def = fieldDef(f.scope, f.node.name.value);
    return def ? containsConnection(walk, f.node, def.type) : false;
  });
}

/** The node selections of a connection: `nodes { … }` and `edges { node { … } }`. */
function nodeSelections(
  walk: WalkContext,
  sel: SelectionSetNode | undefined,
  connType: GraphQLCompositeType,
): SelectionSetNode[] {
  const out: SelectionSetNode[] = [];
  for (const f of collectFields(walk, sel, connType)) {
    if (f.node.name.value === "nodes" && f.node.selectionSet) out.push(f.node.selectionSet);
    if (f.node.name.value === "edges") {
      const edgeType = fieldDef(connType, "edges");
      const named = edgeType ? getNamedType(edgeType.type) : null;
      if (!named || !isCompositeType(named)) continue;
      for (const e of collectFields(walk, f.node.selectionSet, named)) {
        if (e.node.name.value === "node" && e.node.selectionSet) out.push(e.node.selectionSet);
      }
    }
  }
  return out;
}

type Json = Record<string, unknown>;

const fieldCache = new WeakMap<SelectionSetNode, Map<GraphQLCompositeType, ReturnType<typeof collectFields>>>();

/** collectFields, remembered per selection set: a bulk query flattens tens of thousands of nodes with the same few. */
function fieldsOf(walk: WalkContext, sel: SelectionSetNode | undefined, type: GraphQLCompositeType) {
  if (!sel) return [];
  let byType = fieldCache.get(sel);
  if (!byType) fieldCache.set(sel, (byType = new Map()));
  let fields = byType.get(type);
  if (!fields) byType.set(type, (fields = collectFields(walk, sel, type)));
  return fields;
}

/**
 * One page of a bulk query's answer as JSONL objects, the way Shopify writes them: each node of
 * a connection is a line of its own (without edges/node wrappers), a nested connection's nodes
 * follow their parent as lines with `__parentId`, objects that are not connections stay inline.
 */
export function flattenBulkPage(plan: BulkQueryPlan, data: Json): { lines: Json[]; roots: number } {
  const lines: Json[] = [];
  const rootValue = data[plan.rootKey];
  const rootDef = plan.walk.schema.getQueryType()!.getFields()[plan.root.name.value]!;
  const named = getNamedType(rootDef.type);
  if (!isCompositeType(named) || rootValue === null || rootValue === undefined) return { lines, roots: 0 };
  if (plan.rootIsConnection) {
    const nodes = connectionNodes(plan.walk, plan.root, named, rootValue as Json);
    for (const { value, sel, type } of nodes) emitNode(plan.walk, value, sel, type, null, lines);
    return { lines, roots: nodes.length };
  }
  emitNode(plan.walk, rootValue as Json, plan.root.selectionSet, named, null, lines);
  return { lines, roots: 1 };
}

interface NodeRef {
  value: Json;
  sel: SelectionSetNode | undefined;
  type: GraphQLCompositeType;
}

function connectionNodes(walk: WalkContext, field: FieldNode, connType: GraphQLCompositeType, conn: Json): NodeRef[] {
  const nodeType = connectionNodeType(connType);
  if (!nodeType || !isCompositeType(nodeType)) return [];
  const out: NodeRef[] = [];
  for (const f of fieldsOf(walk, field.selectionSet, connType)) {
    const key = f.node.alias?.value ?? f.node.name.value;
    if (f.node.name.value === "nodes" && Array.isArray(conn[key])) {
      for (const value of conn[key] as Json[]) out.push({ value, sel: f.node.selectionSet, type: nodeType });
    }
    if (f.node.name.value === "edges" && Array.isArray(conn[key])) {
      const edgeType = fieldDef(connType, "edges");
      const edgeNamed = edgeType ? getNamedType(edgeType.type) : null;
      if (!edgeNamed || !isCompositeType(edgeNamed)) continue;
      for (const edge of conn[key] as Json[]) {
        for (const e of fieldsOf(walk, f.node.selectionSet, edgeNamed)) {
          const nodeKey = e.node.alias?.value ?? e.node.name.value;
          if (e.node.name.value === "node" && edge[nodeKey]) {
            out.push({ value: edge[nodeKey] as Json, sel: e.node.selectionSet, type: nodeType });
          }
        }
      }
    }
  }
  return out;
}

function emitNode(
  walk: WalkContext,
  value: Json,
  sel: SelectionSetNode | undefined,
  type: GraphQLCompositeType,
  parentId: string | null,
  lines: Json[],
): void {
  const children: NodeRef[] = [];
  const line = strip(walk, value, sel, type, children);
  const ownId = typeof value.id === "string" ? value.id : parentId;
  lines.push(parentId === null ? line : { ...line, __parentId: parentId });
  for (const child of children) emitNode(walk, child.value, child.sel, child.type, ownId, lines);
}

/** The object without its connection fields (whose nodes go to `children`), recursing into plain objects. */
function strip(
  walk: WalkContext,
  value: Json,
  sel: SelectionSetNode | undefined,
  type: GraphQLCompositeType,
  children: NodeRef[],
): Json {
  const out: Json = { ...value };
  const done = new Set<string>();
  for (const f of fieldsOf(walk, sel, type)) {
    const key = f.node.alias?.value ?? f.node.name.value;
    if (done.has(key) || !(key in value)) continue;
    done.add(key);
    const def = fieldDef(f.scope, f.node.name.value);
    if (!def) continue;
    const named = getNamedType(def.type);
    const inner = value[key];
    if (!isCompositeType(named) || inner === null || typeof inner !== "object" || Array.isArray(inner)) continue;
    if (connectionNodeType(named)) {
      delete out[key];
      children.push(...connectionNodes(walk, f.node, named, inner as Json));
    } else {
      out[key] = strip(walk, inner as Json, f.node.selectionSet, named, children);
    }
  }
  return out;
}

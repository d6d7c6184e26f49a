import { describe, expect, it } from "vitest";

import { at, createHarness, type Harness } from "./engine-harness.ts";

interface Page {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

async function walk(h: Harness, direction: "forward" | "backward", extraArgs = ""): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 20; guard += 1) {
    const args = direction === "forward" ? `first: 7, after: $cursor` : `last: 7, before: $cursor`;
    const body = await h.gql(
      `query($cursor: String) { productVariants(${args}${extraArgs}) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
      { cursor },
    );
    const page = at<Page>(body.data, "productVariants");
    const batch = page.edges.map((e) => e.node.id);
    ids.push(...(direction === "forward" ? batch : [...batch].reverse()));
    const more = direction === "forward" ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
    if (!more) return ids;
    cursor = direction === "forward" ? page.pageInfo.endCursor : page.pageInfo.startCursor;
  }
  throw new Error("pagination did not end");
}

describe("cursor pagination over 10 products × 3 variants", () => {
  it.each([
    ["forward", ""],
    ["backward", ""],
    ["forward", ", reverse: true"],
    ["backward", ", sortKey: SKU"],
  ] as const)("%s%s visits every variant exactly once", async (direction, extra) => {
    const h = createHarness();
    const ids = await walk(h, direction, extra);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it("cursors are opaque base64 and pageInfo is complete", async () => {
    const h = createHarness();
    const body = await h.gql(
      "{ products(first: 3) { edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }",
    );
    const page = at<Page>(body.data, "products");
    expect(page.edges[0]?.cursor).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(page.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: page.edges[0]?.cursor,
      endCursor: page.edges[2]?.cursor,
    });
  });
});

describe("search syntax", () => {
  it("updated_at:> with sortKey UPDATED_AT returns only newer records, oldest first", async () => {
    const h = createHarness({ seed: { orders: 5 } });
    h.advance(60_000);
    const cutoff = new Date(h.now()).toISOString();
    h.advance(1_000);
    for (const id of [1004, 1002]) {
      await h.gql(
        `mutation { orderUpdate(input: { id: "gid://shopify/Order/${id}", note: "touched" }) { userErrors { message } } }`,
      );
    }
    const queries = [`updated_at:>'${cutoff}'`, `updated_at:>${cutoff}`, `updated_at:>="${cutoff}"`];
    for (const q of queries) {
      const body = await h.gql(
        `query($q: String) { orders(first: 50, sortKey: UPDATED_AT, query: $q) { nodes { id updatedAt } } }`,
        { q },
      );
      const nodes = at<{ id: string; updatedAt: string }[]>(body.data, "orders.nodes");
      expect(nodes.map((n) => n.id)).toEqual(["gid://shopify/Order/1004", "gid://shopify/Order/1002"]);
      expect(nodes[0]!.updatedAt < nodes[1]!.updatedAt).toBe(true);
    }
    const before = await h.gql(`{ orders(first: 50, query: "updated_at:<'${cutoff}'") { nodes { id } } }`);
    expect(at<unknown[]>(before.data, "orders.nodes")).toHaveLength(3);
  });

  it.each([
    ["productVariants", "sku:10003-V02", 1],
    ["productVariants", "sku:10003*", 3],
    ["products", "sku:10003-V02", 1],
    ["customers", "email:ava.brown.001@example.com", 1],
    ["products", "id:>1008", 2],
    ["products", "tag:seed vendor:nobody", 0],
    ["orders", "status:open", 3],
    ["orders", "status:cancelled", 0],
  ] as const)("%s(query: %j) finds %i", async (field, query, count) => {
    const h = createHarness({ seed: { orders: 3 } });
    const body = await h.gql(`query($q: String) { ${field}(first: 250, query: $q) { nodes { id } } }`, { q: query });
    expect(at<unknown[]>(body.data, `${field}.nodes`)).toHaveLength(count);
  });

  it("status:cancelled and status:closed follow orderCancel", async () => {
    const h = createHarness({ seed: { orders: 3 } });
    await h.gql(
      `mutation { orderCancel(orderId: "gid://shopify/Order/1001", reason: CUSTOMER, restock: true) { orderCancelUserErrors { message } } }`,
    );
    const statuses = async (q: string) =>
      at<unknown[]>((await h.gql(`{ orders(first: 10, query: "${q}") { nodes { id } } }`)).data, "orders.nodes").length;
    expect([
      await statuses("status:open"),
      await statuses("status:cancelled"),
      await statuses("status:closed"),
      await statuses("status:any"),
    ]).toEqual([2, 1, 1, 3]);
    expect(h.events.map((e) => e.topic)).toEqual(["inventory_levels/update", "orders/cancelled", "orders/updated"]);
  });
});

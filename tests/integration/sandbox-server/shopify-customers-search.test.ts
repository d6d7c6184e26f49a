import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type B2bSandbox, startB2bSandbox } from "./shopify-b2b-fixture.ts";
import { finished, jsonl } from "./shopify-catalog-fixture.ts";

type Page = {
  customers: { nodes: { id: string; updatedAt: string; defaultEmailAddress: { emailAddress: string } | null }[] };
  customersCount: { count: number; precision: string };
};
const SEARCH = `query($query: String, $sortKey: CustomerSortKeys, $reverse: Boolean) {
  customers(first: 50, query: $query, sortKey: $sortKey, reverse: $reverse) {
    nodes { id updatedAt defaultEmailAddress { emailAddress } } }
  customersCount(query: $query) { count precision } }`;

describe("finding customers in the sandbox store", () => {
  let sandbox: B2bSandbox;
  let ids: string[];
  beforeEach(async () => {
    sandbox = await startB2bSandbox();
    ids = [];
    for (const [i, name] of ["alice", "bob", "carol", "dave"].entries()) {
      const body = await sandbox.gql<{ customerCreate: { customer: { id: string } } }>(
        `mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { id } } }`,
        {
          input: {
            email: `${name}@example.com`,
            phone: `+49170000000${i}`,
            addresses: [
              { address1: `${name} street 1`, city: "Berlin", countryCode: "DE" },
              { address1: `${name} street 2`, city: "Bonn", countryCode: "DE" },
            ],
          },
        },
      );
      ids.push(body.data!.customerCreate.customer.id);
    }
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const search = async (query: string | null, sortKey?: string, reverse?: boolean) =>
    (await sandbox.gql<Page>(SEARCH, { query, sortKey, reverse })).data!;
  const emails = (page: Page) => page.customers.nodes.map((c) => c.defaultEmailAddress?.emailAddress);

  it("filters by updated_at (> and >=), email, phone and id, and counts what it finds", async () => {
    const all = await search(null);
    expect(emails(all)).toEqual(["alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com"]);
    // Touch bob: he is now the only one changed after carol and dave were made.
    await sandbox.gql(`mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { message } } }`, {
      input: { id: ids[1], note: "changed" },
    });
    const dave = all.customers.nodes[3]!;
    const after = await search(`updated_at:>'${dave.updatedAt}'`);
    expect(emails(after)).toEqual(["bob@example.com"]);
    expect(after.customersCount).toEqual({ count: 1, precision: "EXACT" });
    expect(emails(await search(`updated_at:>='${dave.updatedAt}'`))).toEqual(["bob@example.com", "dave@example.com"]);
    expect(emails(await search("email:carol@example.com"))).toEqual(["carol@example.com"]);
    expect(emails(await search("phone:+491700000003"))).toEqual(["dave@example.com"]);
    const secondId = ids[1]!.split("/").pop();
    expect(emails(await search(`id:>${secondId}`))).toEqual(["carol@example.com", "dave@example.com"]);
    expect((await search("email:nobody@example.com")).customersCount.count).toBe(0);
  });

  it("sorts by UPDATED_AT and ID, either way, and pages with cursors", async () => {
    await sandbox.gql(`mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { message } } }`, {
      input: { id: ids[0], note: "latest" },
    });
    expect(emails(await search(null, "UPDATED_AT"))).toEqual([
      "bob@example.com",
      "carol@example.com",
      "dave@example.com",
      "alice@example.com",
    ]);
    expect(emails(await search(null, "ID", true))).toEqual([
      "dave@example.com",
      "carol@example.com",
      "bob@example.com",
      "alice@example.com",
    ]);
    const PAGE = `query($after: String) { customers(first: 3, after: $after, sortKey: UPDATED_AT) {
      nodes { id } pageInfo { hasNextPage endCursor } } }`;
    type P = { customers: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const one = (await sandbox.gql<P>(PAGE)).data!.customers;
    const two = (await sandbox.gql<P>(PAGE, { after: one.pageInfo.endCursor })).data!.customers;
    expect(one.pageInfo.hasNextPage).toBe(true);
    expect([...one.nodes, ...two.nodes].map((n) => n.id)).toEqual([ids[1], ids[2], ids[3], ids[0]]);
    expect(two.pageInfo.hasNextPage).toBe(false);
  });

  it("bulk-queries customers with their addresses as child lines naming their parent", async () => {
    const query = `{ customers { edges { node { id defaultEmailAddress { emailAddress } addressesV2 { edges { node { id address1 city } } } } } } }`;
    const started = await sandbox.gql<{
      bulkOperationRunQuery: { bulkOperation: { id: string }; userErrors: unknown[] };
    }>(
      `mutation($query: String!) { bulkOperationRunQuery(query: $query) { bulkOperation { id } userErrors { field message } } }`,
      { query },
    );
    expect(started.data?.bulkOperationRunQuery.userErrors).toEqual([]);
    const op = await finished(sandbox, started.data!.bulkOperationRunQuery.bulkOperation.id);
    expect(op).toMatchObject({ status: "COMPLETED", objectCount: "12", rootObjectCount: "4" });
    const lines = await jsonl(op.url!);
    expect(lines.slice(0, 3)).toEqual([
      { id: ids[0], defaultEmailAddress: { emailAddress: "alice@example.com" } },
      {
        id: expect.stringMatching(/^gid:\/\/shopify\/MailingAddress\/\d+\?model_name=CustomerAddress$/),
        address1: "alice street 1",
        city: "Berlin",
        __parentId: ids[0],
      },
      expect.objectContaining({ address1: "alice street 2", city: "Bonn", __parentId: ids[0] }),
    ]);
    expect(lines.filter((l) => !("__parentId" in l)).map((l) => l.id)).toEqual(ids);
    expect(lines.filter((l) => l.__parentId === ids[3])).toHaveLength(2);
  });
});

import { describe, expect, it } from "vitest";

import { createHarness } from "./engine-harness.ts";

describe("invalid documents get graphql-ruby shaped errors with HTTP 200", () => {
  const cases: { name: string; query: string; variables?: Record<string, unknown>; error: Record<string, unknown> }[] =
    [
      {
        name: "a misspelt field is undefinedField",
        query: "{ shop { name nmae } }",
        error: {
          message: "Field 'nmae' doesn't exist on type 'Shop'",
          locations: [{ line: 1, column: 15 }],
          path: ["query", "shop", "nmae"],
          extensions: { code: "undefinedField", typeName: "Shop", fieldName: "nmae" },
        },
      },
      {
        name: "a named operation appears in the path",
        query: "query ShopInfo { shop { foo } }",
        error: {
          message: "Field 'foo' doesn't exist on type 'Shop'",
          path: ["query ShopInfo", "shop", "foo"],
          extensions: { code: "undefinedField", typeName: "Shop", fieldName: "foo" },
        },
      },
      {
        name: "an unknown argument is argumentNotAccepted",
        query: "{ shop { name(x: 1) } }",
        error: {
          message: "Field 'name' doesn't accept argument 'x'",
          extensions: { code: "argumentNotAccepted", name: "name", typeName: "Field", argumentName: "x" },
        },
      },
      {
        name: "a missing required argument is missingRequiredArguments",
        query: "{ product { title } }",
        error: {
          message: "Field 'product' is missing required arguments: id",
          extensions: { code: "missingRequiredArguments", className: "Field", name: "product", arguments: "id" },
        },
      },
      {
        name: "an object without selections is selectionMismatch",
        query: "{ shop }",
        error: { extensions: { code: "selectionMismatch", nodeName: "field 'shop'", typeName: "Shop" } },
      },
      {
        name: "a missing non-null variable is an invalid value",
        query: "query($id: ID!) { product(id: $id) { title } }",
        variables: {},
        error: {
          message: "Variable $id of type ID! was provided invalid value",
          extensions: { value: null, problems: [{ path: [], explanation: "Expected value to not be null" }] },
        },
      },
    ];

  it.each(cases)("$name", async ({ query, variables, error }) => {
    const h = createHarness({ seed: null });
    const res = await h.engine.execute({
      shop: "demo-shop.myshopify.com",
      apiKey: "a",
      query,
      variables: variables ?? null,
    });
    expect(res.status).toBe(200);
    const body = res.body as { data?: unknown; errors: unknown[]; extensions: { cost: { actualQueryCost: number } } };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject(error);
    expect(body.extensions.cost.actualQueryCost).toBe(0);
  });

  it("a connection without first or last fails like Shopify", async () => {
    const h = createHarness();
    const body = await h.gql("{ products { nodes { id } } }");
    expect(body.errors?.[0]).toMatchObject({ message: "you must provide one of first or last", path: ["products"] });
  });

  it("first above 250 is rejected", async () => {
    const h = createHarness();
    const body = await h.gql("{ products(first: 251) { nodes { id } } }");
    expect(body.errors?.[0]?.message).toMatch(/250/);
  });

  it("an unknown shop is a 404", async () => {
    const h = createHarness({ seed: null });
    const res = await h.engine.execute({ shop: "nope.myshopify.com", apiKey: "a", query: "{ shop { name } }" });
    expect(res.status).toBe(404);
  });

  it("a field the sandbox does not model is an error naming it, with its path", async () => {
    const h = createHarness();
    const body = await h.gql("{ shop { name resourceLimits { maxProductVariants } } }");
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: "the sandbox does not model Shop.resourceLimits",
        path: ["shop", "resourceLimits"],
        locations: [expect.any(Object)],
      }),
    ]);
    // Both fields are non-null, so the error nulls everything up to data, as graphql-js does.
    expect(body.data).toBeNull();
  });
});

import type { Lazy } from "./field-resolver.ts";
import { gid } from "./gid.ts";
import { asInput } from "./input-helpers.ts";
import { applyProductSet } from "./product-set.ts";
import { productView } from "./views-catalog.ts";

export const productSetMutations: Record<string, Lazy<unknown>> = {
  productSet: (args, { state }) => {
    const { product, userErrors } = applyProductSet(state, asInput(args.input) ?? {}, asInput(args.identifier));
    const view = product ? productView(state, product) : null;
    // The sandbox always finishes at once; asynchronous callers still get an operation to look at.
    const operation =
      args.synchronous === false && product
        ? {
            __typename: "ProductSetOperation",
            id: gid("ProductSetOperation", product.id),
            status: "COMPLETE",
            product: view,
            userErrors: [],
          }
        : null;
    return { product: view, productSetOperation: operation, userErrors };
  },
};

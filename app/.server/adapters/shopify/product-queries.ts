/**
 * The documents the product sync sends. A product set's answer names its variants with their SKUs
 * (first 250: products with more are created asynchronously and read back from the operation), so
 * the links are stored from the answer without another read.
 */
export const PRODUCT_SET_MUTATION = `#graphql
  mutation ProductSetFromErp($identifier: ProductSetIdentifiers, $input: ProductSetInput!, $synchronous: Boolean!) {
    productSet(identifier: $identifier, input: $input, synchronous: $synchronous) {
      product {
        id
        handle
        variants(first: 250) {
          nodes {
            id
            sku
          }
        }
      }
      productSetOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const PRODUCT_SET_OPERATION_QUERY = `#graphql
  query ProductSetOperationState($id: ID!) {
    productOperation(id: $id) {
      status
      product {
        id
        handle
        variants(first: 250) {
          nodes {
            id
            sku
          }
        }
      }
      ... on ProductSetOperation {
        userErrors {
          field
          message
          code
        }
      }
    }
  }
`;

export const PRODUCT_UPDATE_MUTATION = `#graphql
  mutation ProductUpdateFromErp($product: ProductUpdateInput!) {
    productUpdate(product: $product) {
      product {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const VARIANTS_BULK_UPDATE_MUTATION = `#graphql
  mutation VariantsUpdateFromErp($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
    productVariantsBulkUpdate(productId: $productId, variants: $variants) {
      productVariants {
        id
        sku
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** Variants gone from the ERP. Shopify refuses to delete a product's last variant (a userError). */
export const VARIANTS_BULK_DELETE_MUTATION = `#graphql
  mutation VariantsDeleteFromErp($productId: ID!, $variantsIds: [ID!]!) {
    productVariantsBulkDelete(productId: $productId, variantsIds: $variantsIds) {
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const VARIANTS_BULK_CREATE_MUTATION = `#graphql
  mutation VariantsCreateFromErp($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
    productVariantsBulkCreate(productId: $productId, variants: $variants, strategy: REMOVE_STANDALONE_VARIANT) {
      productVariants {
        id
        sku
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** Variants carrying some SKUs, with their product: items not linked yet are first looked for here. */
export const VARIANTS_BY_SKU_QUERY = `#graphql
  query VariantsBySku($query: String!, $after: String) {
    productVariants(first: 100, query: $query, after: $after) {
      nodes {
        id
        sku
        product {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** Shopify search syntax for an exact SKU: quoted, with quotes and backslashes escaped. */
export function skuSearch(skus: readonly string[]): string {
  return skus.map((sku) => `sku:"${sku.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(" OR ");
}

/** Products already using some handles: a create never upserts into a product the app did not make. */
export const PRODUCTS_BY_HANDLE_QUERY = `#graphql
  query ProductsByHandle($query: String!) {
    products(first: 50, query: $query) {
      nodes {
        id
        handle
      }
    }
  }
`;

/** Shopify search syntax for exact handles. */
export function handleSearch(handles: readonly string[]): string {
  return handles.map((handle) => `handle:"${handle.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(" OR ");
}

/**
 * Asked once per run before the first new variant: a Plus store is not throttled; any other store
 * with 50,000 variants may create 1,000 a day. The limit is just above the threshold, so the count
 * stays cheap for a big catalog (AT_LEAST past it).
 */
export const VARIANT_ALLOWANCE_QUERY = `#graphql
  query VariantAllowance {
    shop {
      plan {
        shopifyPlus
      }
    }
    productVariantsCount(limit: 50001) {
      count
      precision
    }
  }
`;

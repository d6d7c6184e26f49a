/**
 * The documents "Sync products" reads Shopify products with, Shopify → ERP. Only the fields the
 * import maps (the `products/update` subscription's include_fields names the same ones).
 * Eight products a page: with 100 variants each that stays under the single query cost limit
 * (1,000). A product with more variants (Shopify allows 2,048) has the rest read through
 * PRODUCT_VARIANTS_AFTER_QUERY before it is mapped: the import never maps half a product.
 */
export const PRODUCTS_UPDATED_SINCE_QUERY = `#graphql
  query ProductsUpdatedSince($query: String, $after: String) {
    products(first: 8, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        handle
        vendor
        productType
        status
        updatedAt
        variants(first: 100) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            id
            title
            sku
            barcode
            price
            requiresComponents
          }
        }
      }
    }
  }
`;

/**
 * Products by id: the ones the Products page asked to read again (Sync now, Map, Stop ignoring
 * forget the hash) or whose last import failed, whatever their `updatedAt`.
 */
export const PRODUCTS_BY_ID_QUERY = `#graphql
  query ProductsForImportById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        title
        handle
        vendor
        productType
        status
        updatedAt
        variants(first: 100) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            id
            title
            sku
            barcode
            price
            requiresComponents
          }
        }
      }
    }
  }
`;

/** The rest of a product's variants after the first page, 250 at a time (about 250 points a page). */
export const PRODUCT_VARIANTS_AFTER_QUERY = `#graphql
  query ProductVariantsAfter($id: ID!, $after: String) {
    product(id: $id) {
      variants(first: 250, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          title
          sku
          barcode
          price
          requiresComponents
        }
      }
    }
  }
`;

/** One variant's details, for an item the unmapped list creates when no waiting order holds them. */
export const VARIANT_FOR_NEW_ITEM_QUERY = `#graphql
  query VariantForNewItem($id: ID!) {
    productVariant(id: $id) {
      title
      sku
      barcode
      price
      product {
        id
        title
      }
    }
  }
`;

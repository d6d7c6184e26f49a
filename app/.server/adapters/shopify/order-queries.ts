import type { ShopifyAdmin } from "./admin-port.ts";
import { runOperation } from "./admin-port.ts";

/**
 * The documents the order import reads. Shopify prices a connection at 2 + first × (one node's
 * cost), and every MoneyBag here is 3 points, so a line costs about 15: `LINE_PAGE_SIZE` lines
 * keep `OrderForImport` near 600 points (the hard limit is 1,000 per query and the bucket
 * refills at 100/s on standard plans). Longer orders page their lines with `OrderLineItems`.
 */
export const LINE_PAGE_SIZE = 25;

// The fragments are repeated in each document (not shared through `${…}`): codegen and the
// document validation test need every #graphql literal to stand alone.
export const ORDER_FOR_IMPORT_QUERY = `#graphql
  query OrderForImport($id: ID!) {
    order(id: $id) {
      id
      name
      createdAt
      updatedAt
      processedAt
      cancelledAt
      closed
      test
      email
      phone
      currencyCode
      presentmentCurrencyCode
      taxesIncluded
      displayFinancialStatus
      displayFulfillmentStatus
      sourceName
      app {
        name
      }
      retailLocation {
        id
      }
      risk {
        recommendation
        assessments {
          riskLevel
        }
      }
      tags
      note
      customAttributes {
        key
        value
      }
      purchasingEntity {
        __typename
        ... on PurchasingCompany {
          company {
            id
            name
          }
          location {
            id
            name
          }
        }
      }
      customer {
        id
        firstName
        lastName
        defaultEmailAddress {
          emailAddress
        }
        defaultPhoneNumber {
          phoneNumber
        }
      }
      billingAddress {
        firstName
        lastName
        company
        address1
        address2
        city
        zip
        provinceCode
        countryCodeV2
        phone
      }
      shippingAddress {
        firstName
        lastName
        company
        address1
        address2
        city
        zip
        provinceCode
        countryCodeV2
        phone
      }
      discountCodes
      currentSubtotalPriceSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      currentTotalTaxSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      currentTotalDiscountsSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      currentShippingPriceSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      currentTotalPriceSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      shippingLines(first: 5, includeRemovals: false) {
        nodes {
          title
          code
          originalPriceSet {
            shopMoney {
              amount
            }
            presentmentMoney {
              amount
            }
          }
          currentDiscountedPriceSet {
            shopMoney {
              amount
            }
            presentmentMoney {
              amount
            }
          }
          discountAllocations {
            allocatedAmountSet {
              shopMoney {
                amount
              }
              presentmentMoney {
                amount
              }
            }
          }
          taxLines {
            title
            rate
            priceSet {
              shopMoney {
                amount
              }
              presentmentMoney {
                amount
              }
            }
          }
        }
      }
      transactions(first: 20) {
        id
        kind
        status
        gateway
        processedAt
        amountSet {
          shopMoney {
            amount
          }
          presentmentMoney {
            amount
          }
        }
      }
      lineItems(first: 25) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          sku
          title
          variantTitle
          quantity
          currentQuantity
          requiresShipping
          isGiftCard
          variant {
            id
            barcode
          }
          product {
            id
          }
          originalUnitPriceSet {
            shopMoney {
              amount
            }
            presentmentMoney {
              amount
            }
          }
          discountAllocations {
            allocatedAmountSet {
              shopMoney {
                amount
              }
              presentmentMoney {
                amount
              }
            }
          }
          taxLines {
            title
            rate
            priceSet {
              shopMoney {
                amount
              }
              presentmentMoney {
                amount
              }
            }
          }
        }
      }
    }
  }
`;

/** The lines after the first page, for orders with more than `LINE_PAGE_SIZE` lines. */
export const ORDER_LINE_ITEMS_QUERY = `#graphql
  query OrderLineItems($id: ID!, $after: String) {
    order(id: $id) {
      lineItems(first: 25, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          sku
          title
          variantTitle
          quantity
          currentQuantity
          requiresShipping
          isGiftCard
          variant {
            id
            barcode
          }
          product {
            id
          }
          originalUnitPriceSet {
            shopMoney {
              amount
            }
            presentmentMoney {
              amount
            }
          }
          discountAllocations {
            allocatedAmountSet {
              shopMoney {
                amount
              }
              presentmentMoney {
                amount
              }
            }
          }
          taxLines {
            title
            rate
            priceSet {
              shopMoney {
                amount
              }
              presentmentMoney {
                amount
              }
            }
          }
        }
      }
    }
  }
`;

/** Ids and versions of orders changed after a point in time, oldest change first. */
export const ORDERS_UPDATED_SINCE_QUERY = `#graphql
  query OrdersUpdatedSince($query: String!, $after: String) {
    orders(first: 100, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        updatedAt
      }
    }
  }
`;

/** Where each line ships from: the location its fulfillment order is assigned to. */
export const ORDER_LINE_LOCATIONS_QUERY = `#graphql
  query OrderLineLocations($id: ID!) {
    order(id: $id) {
      fulfillmentOrders(first: 5) {
        nodes {
          assignedLocation {
            location {
              id
            }
          }
          lineItems(first: 25) {
            nodes {
              lineItem {
                id
              }
            }
          }
        }
      }
    }
  }
`;

/**
 * The raw `order` of `OrderForImport` with every line page merged in (what the mapper takes).
 * `withLocations` adds the fulfillment orders (where each line ships from) in a second, cheaper
 * query, only for shops that map Shopify locations to ERP locations: inside `OrderForImport` it
 * would raise every import's requested cost by 60 % (459 → 737 points), which slowed concurrent
 * work on the shop's bucket (the shipments benchmark fell from 25 to 11 fulfillments/s).
 */
export async function fetchOrderForImport(
  admin: ShopifyAdmin,
  orderId: string,
  options: { withLocations: boolean } = { withLocations: false },
): Promise<unknown> {
  const data = await runOperation(admin, ORDER_FOR_IMPORT_QUERY, { id: orderId });
  const order = data.order;
  if (!order) return null;
  const lines = [...order.lineItems.nodes];
  let pageInfo = order.lineItems.pageInfo;
  while (pageInfo.hasNextPage && pageInfo.endCursor) {
    const page = await runOperation(admin, ORDER_LINE_ITEMS_QUERY, { id: orderId, after: pageInfo.endCursor });
    if (!page.order) return null; // deleted between the two reads
    lines.push(...page.order.lineItems.nodes);
    pageInfo = page.order.lineItems.pageInfo;
  }
  const fulfillmentOrders = options.withLocations
    ? (await runOperation(admin, ORDER_LINE_LOCATIONS_QUERY, { id: orderId })).order?.fulfillmentOrders
    : undefined;
  return { ...order, lineItems: { nodes: lines }, ...(fulfillmentOrders ? { fulfillmentOrders } : {}) };
}

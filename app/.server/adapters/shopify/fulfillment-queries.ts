/**
 * The documents the shipments sync and the posting task send. Shopify prices a connection at
 * 2 + first × node, so 10 fulfillment orders × 40 lines stays near 870 points (the limit is
 * 1,000); a fulfillment order with more lines pages the rest with `FulfillmentOrderLines`.
 */
export const FULFILLMENT_ORDER_LINE_PAGE = 40;

export const ORDER_FULFILLMENT_ORDERS_QUERY = `#graphql
  query OrderFulfillmentOrders($id: ID!) {
    order(id: $id) {
      id
      name
      cancelledAt
      closed
      displayFinancialStatus
      displayFulfillmentStatus
      fulfillmentOrders(first: 10) {
        nodes {
          id
          status
          requestStatus
          assignedLocation {
            location {
              id
              name
              fulfillmentService {
                handle
                serviceName
              }
            }
          }
          lineItems(first: 40) {
            nodes {
              id
              remainingQuantity
              lineItem {
                id
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
        pageInfo {
          hasNextPage
        }
      }
    }
  }
`;

export const FULFILLMENT_ORDER_LINES_QUERY = `#graphql
  query FulfillmentOrderLines($id: ID!, $after: String) {
    fulfillmentOrder(id: $id) {
      lineItems(first: 100, after: $after) {
        nodes {
          id
          remainingQuantity
          lineItem {
            id
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

/**
 * Every fulfillment of the order, without lines (250 × 2 points at most): taken before each attempt,
 * and read again to find what an interrupted attempt made. Lines are read only for the candidates.
 */
export const ORDER_FULFILLMENTS_QUERY = `#graphql
  query OrderFulfillments($id: ID!) {
    order(id: $id) {
      id
      fulfillments(first: 250) {
        id
        status
        location {
          id
        }
      }
    }
  }
`;

export const FULFILLMENT_LINES_QUERY = `#graphql
  query FulfillmentLines($id: ID!) {
    fulfillment(id: $id) {
      fulfillmentLineItems(first: 250) {
        nodes {
          quantity
          lineItem {
            id
          }
        }
      }
    }
  }
`;

/**
 * Not safe to resend after an ambiguous failure: the caller records an attempt first and, on
 * the next run, looks for the fulfillment it may have made (Shopify documents `@idempotent`
 * for inventory and refund mutations, not this one).
 */
export const FULFILLMENT_CREATE_MUTATION = `#graphql
  mutation ShipmentFulfillmentCreate($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/** Our own fulfillment service accepts the request Shopify routed to it before fulfilling. */
export const FULFILLMENT_REQUEST_ACCEPT_MUTATION = `#graphql
  mutation FulfillmentRequestAccept($id: ID!, $message: String) {
    fulfillmentOrderAcceptFulfillmentRequest(id: $id, message: $message) {
      fulfillmentOrder {
        id
        requestStatus
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/** Archive: the order is paid, fulfilled and invoiced in the ERP (BC setting "Archive Processed Orders"). */
export const ORDER_CLOSE_MUTATION = `#graphql
  mutation ProcessedOrderClose($input: OrderCloseInput!) {
    orderClose(input: $input) {
      order {
        id
        closed
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/**
 * "Sync payments" documents. Amounts in both shop and presentment money: the ERP payment is in
 * the currency the order's ERP document is in (Settings → Orders → Document currency).
 */

/**
 * Orders changed since a time (a capture or a sale changes its order) with their transactions:
 * gateway, card brand, both amounts. 50 orders a page keeps the page well under 1,000 points.
 */
export const ORDERS_WITH_TRANSACTIONS_QUERY = `#graphql
  query OrdersWithTransactions($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        updatedAt
        transactions(first: 20) {
          id
          kind
          status
          gateway
          processedAt
          paymentDetails {
            ... on CardPaymentDetails {
              company
            }
          }
          amountSet {
            shopMoney {
              amount
              currencyCode
            }
            presentmentMoney {
              amount
              currencyCode
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/**
 * Shopify Payments payouts from an id on, in id order (BC: Sync Payouts' id cursor): new ones and
 * those not yet paid, re-polled until Shopify settles them. Null account: no Shopify Payments.
 */
export const PAYOUTS_QUERY = `#graphql
  query Payouts($first: Int!, $after: String, $query: String) {
    shopifyPaymentsAccount {
      payouts(first: $first, after: $after, query: $query, sortKey: ID) {
        nodes {
          id
          legacyResourceId
          status
          issuedAt
          transactionType
          net {
            amount
            currencyCode
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

/** One payout's balance transactions (amount, fee, net) with the order and order transaction each settles. */
export const PAYOUT_TRANSACTIONS_QUERY = `#graphql
  query PayoutTransactions($first: Int!, $after: String, $query: String) {
    shopifyPaymentsAccount {
      balanceTransactions(first: $first, after: $after, query: $query, sortKey: ID) {
        nodes {
          id
          type
          transactionDate
          sourceOrderTransactionId
          amount {
            amount
            currencyCode
          }
          fee {
            amount
          }
          net {
            amount
          }
          associatedOrder {
            id
            name
          }
          associatedPayout {
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

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

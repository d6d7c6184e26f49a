/**
 * "Process refunds" documents. Amounts in both shop and presentment money: the credit memo is in
 * the currency the order's ERP document is in (Settings → Orders → Document currency).
 */

/**
 * One refund with what a credit memo needs: lines, restock type, shipping, money paid back. One
 * at a time, 50 lines (~10 points a line): an order's refunds together could pass 1,000 points.
 */
export const REFUND_QUERY = `#graphql
  query RefundForCreditMemo($id: ID!) {
    refund(id: $id) {
      id
      legacyResourceId
      createdAt
      refundLineItems(first: 50) {
        nodes {
          lineItem {
            id
          }
          quantity
          restockType
          location {
            id
          }
          subtotalSet {
            shopMoney {
              amount
            }
            presentmentMoney {
              amount
            }
          }
          totalTaxSet {
            shopMoney {
              amount
            }
            presentmentMoney {
              amount
            }
          }
        }
        pageInfo {
          hasNextPage
        }
      }
      refundShippingLines(first: 10) {
        nodes {
          subtotalAmountSet {
            shopMoney {
              amount
            }
            presentmentMoney {
              amount
            }
          }
          taxAmountSet {
            shopMoney {
              amount
            }
            presentmentMoney {
              amount
            }
          }
        }
      }
      transactions(first: 20) {
        nodes {
          kind
          status
          amountSet {
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
`;

/** Orders changed since a time with their refunds' ids and returns: those the webhooks did not bring. */
export const ORDERS_WITH_REFUNDS_QUERY = `#graphql
  query OrdersWithRefunds($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        updatedAt
        refunds(first: 20) {
          id
        }
        returns(first: 10) {
          nodes {
            id
            name
            status
            totalQuantity
            decline {
              reason
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

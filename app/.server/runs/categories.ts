/**
 * Job-queue categories: tasks of one category never run at the same time for one shop (one
 * graphile-worker queue per shop and category). Derived from what each task writes; the table and
 * the reasons are ADR 017. Categories are narrow on purpose: a long catalog run must not hold back
 * order import (Business Central's one-category flaw).
 */
export const taskCategories = {
  orders: "Shopify orders into the app (order rows, snapshots, the orders cursor)",
  "order-documents": "ERP sales documents made from orders (create, clean up, post)",
  shipments: "ERP shipments into Shopify fulfillments",
  catalog: "products, variants, prices and images (both directions)",
  inventory: "stock levels per location",
  customers: "customers and B2B companies",
  "b2b-pricing": "catalogs and their price lists",
  payments: "payments, payouts and refunds into the ERP",
} as const;

export type TaskCategory = keyof typeof taskCategories;

/** The graphile-worker queue of a shop's category: jobs in one queue run one at a time. */
export const categoryQueue = (category: TaskCategory, shopId: number) => `${category}:${shopId}`;

import { z } from "zod";

/**
 * What the shipments sync stores (JSON columns) and reads back: zod describes each shape once,
 * so a row written by an older version is checked rather than trusted.
 */

/** One line of the ERP document an order became, in document order (orders.erp_lines). */
export const erpDocumentLineSchema = z.object({
  /**
   * The ERP's reference of this document line (`SalesDocumentWriteResult.lineRefs`; BC: its
   * Line No.), which posted shipment lines name as their order line. null on lines stored before
   * the reference was kept, or when the ERP could not tell.
   */
  lineRef: z.string().nullable().default(null),
  /** The Shopify line item it came from; null for shipping, tips and other non-item lines. */
  shopifyLineId: z.string().nullable(),
  type: z.enum(["item", "account", "charge"]),
  number: z.string(),
  variantCode: z.string().nullable(),
  quantity: z.number(),
});
export type ErpDocumentLine = z.infer<typeof erpDocumentLineSchema>;
export const erpDocumentLinesSchema = z.array(erpDocumentLineSchema);

/** What the ERP shipped (shipments.content). */
export const shipmentContentSchema = z.object({
  lines: z.array(
    z.object({
      /** The shipment line's own number, as the ERP shows it (BC: Line No.). */
      sequence: z.number().int(),
      /**
       * The sales document line it ships (`ErpDocumentLine.lineRef`); null on content stored
       * before the reference was kept, or when the ERP does not say.
       */
      orderLineRef: z.string().nullable().default(null),
      lineType: z.string(),
      number: z.string(),
      description: z.string(),
      quantity: z.number(),
    }),
  ),
  tracking: z
    .object({
      shippingAgentCode: z.string(),
      shippingAgentServiceCode: z.string(),
      trackingNumber: z.string(),
    })
    .nullable(),
});
export type ShipmentContent = z.infer<typeof shipmentContentSchema>;

/** One fulfillmentCreate: fulfillment orders of one location, and the attempt it is in. */
export const fulfillmentGroupSchema = z.object({
  locationId: z.string(),
  locationName: z.string(),
  /** Fulfillment orders whose request our own fulfillment service must accept first. */
  accept: z.array(z.string()),
  byFulfillmentOrder: z.array(
    z.object({
      fulfillmentOrderId: z.string(),
      lines: z.array(z.object({ id: z.string(), lineItemId: z.string(), quantity: z.number().int().positive() })),
    }),
  ),
  /** Set once Shopify answered with the fulfillment (or a later run found it). */
  fulfillmentId: z.string().nullable(),
  /**
   * Set just before fulfillmentCreate is sent, with the order's fulfillments at that moment: a
   * fulfillment that is not among them and ships exactly these lines is this attempt's.
   */
  attempt: z.object({ startedAt: z.string(), knownFulfillmentIds: z.array(z.string()) }).nullable(),
});
export type FulfillmentGroup = z.infer<typeof fulfillmentGroupSchema>;

export const fulfillmentPlanSchema = z.object({
  groups: z.array(fulfillmentGroupSchema),
  /** Lines that were left out, and why (shown with the shipment). */
  notes: z.array(z.string()),
});
export type FulfillmentPlan = z.infer<typeof fulfillmentPlanSchema>;

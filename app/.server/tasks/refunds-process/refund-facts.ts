import { z } from "zod";

/** `order_refunds.facts` as written by "Process refunds" (`RefundFacts`): checked when read back. */
export const refundFactsSchema = z.object({
  legacyId: z.string(),
  createdAt: z.string(),
  refunded: z.string(),
});

import { postDocuments } from "../../app/.server/posting/post-documents.ts";
import { shopRunTask } from "../shop-run-task.ts";

/** Batch posting of the ERP documents made from Shopify orders (scheduled, or "Post now"). */
export const documentsPost = shopRunTask("documents__post", "posting", async ({ shopId, trigger }) => {
  const result = await postDocuments(shopId, { trigger });
  if (result.skipped) return `posting skipped: ${result.skipped}`;
  if (result.outcomes.length === 0) return null;
  const count = (kind: string) => result.outcomes.filter((o) => o.result === kind).length;
  return `posted ${count("posted")} ERP document(s), ${count("error")} failed, ${count("skipped")} skipped`;
});

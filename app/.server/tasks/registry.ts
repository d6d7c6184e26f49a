import type { TaskDefinition } from "../runs/define-task.ts";
import { companiesSyncTask } from "./companies-sync/task.ts";
import { customersSyncTask } from "./customers-sync/task.ts";
import { documentsPostTask } from "./documents-post/task.ts";
import { imagesSyncTask } from "./images-sync/task.ts";
import { inventoryDriftTask } from "./inventory-drift/task.ts";
import { inventorySyncTask } from "./inventory-sync/task.ts";
import { ordersProcessTask } from "./orders-process/task.ts";
import { ordersImportTask } from "./orders-sync/import-task.ts";
import { ordersSyncTask } from "./orders-sync/task.ts";
import { paymentsSyncTask } from "./payments-sync/task.ts";
import { pricesSyncTask } from "./prices-sync/task.ts";
import { productsSyncTask } from "./products-sync/task.ts";
import { refundsProcessTask } from "./refunds-process/task.ts";
import { shipmentsSyncTask } from "./shipments-sync/task.ts";

/**
 * Every sync task, in the order the Job queue page lists them. The worker's task list, the due
 * schedules, retries and run records all come from here: adding a task is its folder and one line.
 */
export const taskRegistry: readonly TaskDefinition[] = [
  ordersSyncTask,
  ordersImportTask,
  ordersProcessTask,
  refundsProcessTask,
  paymentsSyncTask,
  shipmentsSyncTask,
  documentsPostTask,
  productsSyncTask,
  pricesSyncTask,
  imagesSyncTask,
  inventorySyncTask,
  inventoryDriftTask,
  customersSyncTask,
  companiesSyncTask,
];

export function findTask(name: string): TaskDefinition | undefined {
  return taskRegistry.find((task) => task.name === name);
}

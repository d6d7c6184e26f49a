import { getDb } from "../../db.ts";
import { requeueShipment } from "../../queries/shipments.ts";
import { enqueueRun } from "../../runs/enqueue-run.ts";
import { shipmentsSyncTask } from "./task.ts";

/** "Sync shipments now": a manual run, even with background syncs or the schedule off. */
export async function requestShipmentsSync(shopId: number): Promise<void> {
  await enqueueRun(getDb(), shipmentsSyncTask, { shopId, trigger: "manual" });
}

/** "Retry" on a shipment: back to the queue, and a run to take it. */
export async function retryShipment(shopId: number, shipmentId: number): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const requeued = await requeueShipment(tx, { shopId, shipmentId });
    if (requeued) await enqueueRun(tx, shipmentsSyncTask, { shopId, trigger: "manual" });
    return requeued;
  });
}

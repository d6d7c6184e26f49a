/**
 * Which imported Shopify order a posted ERP shipment belongs to (DESIGN.md: never act on an
 * ambiguous match). A shipment carries two keys: its external document number (the Shopify order
 * name the app wrote on every ERP document it made) and the ERP sales order it was posted from
 * (which the app linked to the order it made it for). Each key alone can lie: an ERP whose data
 * was reset reuses document numbers the app already linked, a user renumbers or types an external
 * document number by hand, a second store or company writes the same "#1001". So:
 * - both keys name the same order ⇒ that order (another order linked to the same ERP number is a
 *   stale link from before a reuse: noted, not followed);
 * - only the name names an order, and that order has no other ERP document ⇒ that order (the
 *   name is the stronger key: a hand-made ERP order for a Shopify order the app did not process);
 * - the keys name different orders, or the ERP number names an order whose name the shipment
 *   does not carry, or several orders fit ⇒ conflict: the shipment errors, both sides named;
 * - neither key names an imported order ⇒ none: the ERP's own business, not ours.
 */

/** An imported order one of the shipment's keys points at (read by either key, in one query). */
export interface OrderCandidate {
  id: number;
  name: string;
  shopifyOrderId: string;
  erpDocumentType: "order" | "invoice" | null;
  erpDocumentNumber: string | null;
}

export interface ShipmentKeys {
  /** The Shopify order name as the ERP document carries it ("" when the document has none). */
  externalDocumentNo: string;
  /** The ERP sales order the shipment was posted from ("" when posted from an invoice). */
  erpOrderNo: string;
}

export type OrderMatch =
  | { kind: "matched"; order: OrderCandidate; notes: string[] }
  | { kind: "none" }
  | { kind: "conflict"; message: string };

export function matchShipmentOrder(keys: ShipmentKeys, candidates: readonly OrderCandidate[]): OrderMatch {
  const ext = keys.externalDocumentNo.trim();
  const erpNo = keys.erpOrderNo.trim();
  const named = ext === "" ? [] : candidates.filter((c) => c.name === ext);
  const linked =
    erpNo === "" ? [] : candidates.filter((c) => c.erpDocumentType === "order" && c.erpDocumentNumber === erpNo);
  const both = named.filter((c) => linked.includes(c));

  const [agreed] = both;
  if (both.length === 1 && agreed) {
    // The ERP document's own number and name agree with the order's link. Any other order linked
    // to that number was linked before the ERP reused it; its own shipments carry its own name.
    const stale = linked.filter((c) => c !== agreed);
    const notes =
      stale.length === 0
        ? []
        : [
            `ERP sales order ${erpNo} is also linked to ${orderList(stale)} (the ERP reused the number); the shipment names ${agreed.name}.`,
          ];
    return { kind: "matched", order: agreed, notes };
  }
  if (named.length === 0 && linked.length === 0) return { kind: "none" };

  const [only] = named;
  if (named.length === 1 && only && linked.length === 0 && fitsWithoutLink(only, erpNo)) {
    return { kind: "matched", order: only, notes: [] };
  }
  return { kind: "conflict", message: conflictMessage(ext, erpNo, named, linked) };
}

/**
 * An order the shipment names but whose ERP link does not carry the shipment's ERP order: fine
 * only when the order has no ERP document from the app (made by hand in the ERP), or when it was
 * an invoice and the shipment has no order number (posting an invoice ships it without one).
 */
function fitsWithoutLink(order: OrderCandidate, erpNo: string): boolean {
  if (order.erpDocumentType === null) return true;
  return order.erpDocumentType === "invoice" && erpNo === "";
}

function conflictMessage(ext: string, erpNo: string, named: OrderCandidate[], linked: OrderCandidate[]): string {
  const byName =
    ext === ""
      ? "the shipment carries no external document number (the app's ERP documents carry the Shopify order name)"
      : named.length === 0
        ? `its external document number "${ext}" is no order imported into the app`
        : `its external document number names ${orderList(named, true)}`;
  const byErp =
    erpNo === ""
      ? "it was posted without an ERP sales order"
      : linked.length === 0
        ? `it was posted from ERP sales order ${erpNo}, which no order in the app is linked to`
        : `it was posted from ERP sales order ${erpNo}, which the app made for ${orderList(linked)}`;
  return `This shipment does not point at one Shopify order: ${byName}, but ${byErp}. Nothing was sent to Shopify; check both orders and fulfill the right one in Shopify.`;
}

function orderList(orders: OrderCandidate[], withDocuments = false): string {
  const names = orders.map((o) => (withDocuments ? `${o.name} (${documentOf(o)})` : o.name));
  const list = names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `${orders.length === 1 ? "order" : "orders"} ${list}`;
}

function documentOf(order: OrderCandidate): string {
  if (order.erpDocumentType === null || order.erpDocumentNumber === null) return "no ERP document from the app";
  return `ERP sales ${order.erpDocumentType} ${order.erpDocumentNumber}`;
}

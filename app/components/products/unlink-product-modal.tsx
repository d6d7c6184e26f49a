import { Modal, Text } from "@shopify/polaris";

/** Asks before Unlink: it removes the product's variant links, which cannot be undone from here. */
export function UnlinkProductModal({
  open,
  title,
  itemNumber,
  busy,
  onClose,
  onConfirm,
}: {
  open: boolean;
  title: string;
  itemNumber: string | null;
  busy: boolean;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const item = itemNumber ? `item ${itemNumber}` : "its ERP item";
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={`Unlink “${title}”?`}
      primaryAction={{ content: "Unlink", destructive: true, loading: busy, onAction: onConfirm }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        <Text as="p">
          The Shopify product stays in Shopify but is no longer {item}: its variant links are removed and it is listed
          as unmapped, where you can map it to another item or ignore it. Orders with its variants are then mapped by
          SKU again.
        </Text>
      </Modal.Section>
    </Modal>
  );
}

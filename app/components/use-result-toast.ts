import { useAppBridge } from "@shopify/app-bridge-react";
import { useEffect } from "react";

/** Shows an action's `{ok, message}` answer as a toast (an error toast when not ok). */
export function useResultToast(result: { ok: boolean; message: string } | undefined): void {
  const shopify = useAppBridge();
  useEffect(() => {
    if (result) shopify.toast.show(result.message, { isError: !result.ok });
  }, [result, shopify]);
}

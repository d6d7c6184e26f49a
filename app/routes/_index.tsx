import { type LoaderFunctionArgs, redirect } from "@remix-run/node";

/** Shopify admin opens the app at its root with `?shop=…`; the app itself lives under /app. */
export const loader = ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return new Response("Shopify ERP Connector: open it from your Shopify admin.", {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
};

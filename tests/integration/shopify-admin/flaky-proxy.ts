import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** What the proxy does with one request: answer it itself, drop the connection, or pass it on. */
export type FlakyStep = { status: number; headers?: Record<string, string>; body?: string } | "reset" | "pass";

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * An HTTP hop in front of the sandbox that misbehaves the way a real network and Shopify's edge
 * do (429 with Retry-After, 5xx, dropped connections) for the first requests, then forwards.
 * The sandbox has no knobs for these on its GraphQL route, and they belong to the edge anyway.
 */
export async function startFlakyProxy(target: string, steps: FlakyStep[]) {
  const script = [...steps];
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    const step = script.shift() ?? "pass";
    void (async () => {
      const body = await readBody(req);
      if (step === "reset") {
        req.socket.destroy();
        return;
      }
      if (step !== "pass") {
        res.writeHead(step.status, { "content-type": "application/json", ...step.headers });
        res.end(step.body ?? JSON.stringify({ errors: `HTTP ${step.status}` }));
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          (e): e is [string, string] =>
            typeof e[1] === "string" && !["host", "content-length", "connection"].includes(e[0]),
        ),
      );
      const upstream = await fetch(`${target}${req.url ?? ""}`, { method: req.method ?? "POST", headers, body });
      res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
      res.end(await upstream.text());
    })().catch((error: unknown) => {
      res.writeHead(502);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

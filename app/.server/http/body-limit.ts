import { Readable } from "node:stream";

import type { Request, RequestHandler, Response } from "express";

/**
 * The largest request body the app reads: Shopify's webhook payloads and the app's own forms are
 * a few kilobytes (an order with 250 lines is about 300 KB), so 1 MiB refuses only abuse.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
  readonly limit: number;
  constructor(limit: number) {
    super(`request body is larger than ${limit} bytes`);
    this.limit = limit;
  }
}

/**
 * Wraps the Remix request handler so that every route (webhooks, forms, auth) reads at most
 * `limit` bytes. A declared `Content-Length` over the limit is refused with 413 before a byte is
 * read; at or below it, Node's HTTP parser never delivers more than the declared length, so the
 * stream is capped already and passes through untouched. A body without a length (chunked) is
 * read here, refused the moment it passes the limit, and otherwise handed to Remix from memory.
 */
export function limitRequestBodies(handler: RequestHandler, limit = MAX_BODY_BYTES): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return handler(req, res, next);
    const declared = req.headers["content-length"];
    if (declared !== undefined) {
      if (!/^\d+$/.test(declared) || Number(declared) > limit) return refuse(req, res, limit);
      return handler(req, res, next);
    }
    if (req.headers["transfer-encoding"] === undefined) return handler(req, res, next);
    readCapped(req, limit).then(
      (body) => handler(withBody(req, body), res, next),
      (error: unknown) => (error instanceof BodyTooLargeError ? refuse(req, res, limit) : next(error)),
    );
  };
}

/**
 * How long a refused connection keeps reading (and dropping) what the client still sends before
 * it is closed. Closing a socket with unread bytes makes the kernel answer with a reset, which can
 * reach the client before it has read the 413, so it would see only "connection reset".
 */
const LINGER_MS = 2_000;

function refuse(req: Request, res: Response, limit: number): void {
  // No `Connection: close` header: with it Node destroys the socket the moment the answer is
  // flushed, unread bytes and all. Instead the rest of the body is read and dropped: a client that
  // finishes sending keeps a clean connection it may reuse, and one still sending after
  // LINGER_MS is cut off (a lingering close, as nginx does).
  res.status(413).set({ "Content-Type": "text/plain" }).end(`Request body over ${limit} bytes`);
  res.once("finish", () => {
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.once("end", () => clearTimeout(timer));
    req.socket.once("close", () => clearTimeout(timer));
    req.resume();
  });
}

function readCapped(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        chunks.length = 0;
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/**
 * The request as the Remix adapter reads it (method, URL parts and headers from the request,
 * the body as a stream of the same object), with the body already read from memory.
 */
function withBody(req: Request, body: Buffer): Request {
  const stream = Readable.from([body]);
  const headers = { ...req.headers, "content-length": String(body.length) };
  delete headers["transfer-encoding"];
  const view = Object.assign(stream, {
    method: req.method,
    headers,
    originalUrl: req.originalUrl,
    protocol: req.protocol,
    hostname: req.hostname,
    get: (name: string) => req.get(name),
  });
  // Only the fields above are read by @remix-run/express's createRemixRequest.
  return view as unknown as Request;
}

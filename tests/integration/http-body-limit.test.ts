import http from "node:http";
import type { AddressInfo } from "node:net";

import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { limitRequestBodies } from "../../app/.server/http/body-limit.ts";

/**
 * The body limit the web server puts in front of Remix, over real HTTP, with a handler that
 * reads the body the way @remix-run/express does (a stream of the request object it is given).
 */
const LIMIT = 64 * 1024;
let server: http.Server;
let origin: string;
let handled = 0;

beforeAll(async () => {
  const app = express();
  app.all(
    "*",
    limitRequestBodies((req, res) => {
      handled++;
      let size = 0;
      req.on("data", (chunk: Buffer) => (size += chunk.length));
      req.on("end", () =>
        res.json({ size, method: req.method, url: req.originalUrl, length: req.headers["content-length"] }),
      );
    }, LIMIT),
  );
  server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function post(body: { total: number; chunked: boolean }) {
  return new Promise<{ status: number; text: string; written: number }>((resolve, reject) => {
    const chunk = Buffer.alloc(8 * 1024, 0x61);
    let written = 0;
    let answered = false;
    const request = http.request(`${origin}/some/path?x=1`, {
      method: "POST",
      headers: body.chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": String(body.total) },
    });
    request.on("response", (response) => {
      answered = true;
      let text = "";
      response.on("data", (d: Buffer) => (text += d.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text, written }));
    });
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && written < body.total) {
        const piece = chunk.subarray(0, Math.min(chunk.length, body.total - written));
        written += piece.length;
        if (!request.write(piece)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

describe("the request body limit", () => {
  it("passes bodies at the limit through untouched, with a length or chunked", async () => {
    const withLength = await post({ total: LIMIT, chunked: false });
    expect(withLength.status).toBe(200);
    expect(JSON.parse(withLength.text)).toMatchObject({ size: LIMIT, method: "POST", url: "/some/path?x=1" });
    const chunked = await post({ total: LIMIT, chunked: true });
    expect(chunked.status).toBe(200);
    // Read here, handed on from memory with its real length.
    expect(JSON.parse(chunked.text)).toMatchObject({ size: LIMIT, length: String(LIMIT), url: "/some/path?x=1" });
  });

  it("refuses a declared length over the limit with 413 without calling the handler", async () => {
    const before = handled;
    const refused = await post({ total: 50 * LIMIT, chunked: false });
    expect(refused.status).toBe(413);
    expect(handled).toBe(before);
  });

  it("cuts a chunked body off with 413 soon after it passes the limit, without calling the handler", async () => {
    const before = handled;
    const refused = await post({ total: 1000 * LIMIT, chunked: true });
    expect(refused.status).toBe(413);
    expect(refused.written).toBeLessThan(200 * LIMIT);
    expect(handled).toBe(before);
  });
});

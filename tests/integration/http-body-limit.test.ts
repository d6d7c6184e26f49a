import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

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

describe("the body limit in its own process", () => {
  let child: ChildProcess;
  let port: number;

  beforeAll(async () => {
    child = spawn(process.execPath, [fileURLToPath(new URL("../fixtures/body-limit-server.ts", import.meta.url))], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    port = await new Promise((resolve) => child.stdout?.once("data", (data) => resolve(Number(String(data).trim()))));
  });

  afterAll(() => {
    child.kill();
  });

  it("lets a client that is still sending read the 413 instead of a reset, every time", async () => {
    // Closing the refused socket with the client's bytes unread makes the kernel send a reset that
    // can beat the answer to a client in another process; thirty tries make that race show.
    const statuses: string[] = [];
    for (let attempt = 0; attempt < 30; attempt++) {
      statuses.push(await sendUntilAnswered(port, attempt % 2 === 0));
    }
    expect(statuses.filter((status) => status !== "413")).toEqual([]);
  });
});

/** Sends up to 300 MiB in 64 KiB writes, stopping once answered; the status, or the error seen first. */
function sendUntilAnswered(port: number, chunked: boolean) {
  const total = 300 * 1024 * 1024;
  return new Promise<string>((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    let answered = false;
    const request = http.request(`http://127.0.0.1:${port}/webhooks/orders/create`, {
      method: "POST",
      headers: chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": String(total) },
    });
    request.on("response", (response) => {
      answered = true;
      response.resume();
      response.on("end", () => resolve(String(response.statusCode)));
    });
    request.on("error", (error) => (answered ? undefined : resolve(error.message)));
    const pump = () => {
      while (!answered && written < total) {
        written += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

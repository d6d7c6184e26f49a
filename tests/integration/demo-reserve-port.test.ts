import net from "node:net";

import { describe, expect, it } from "vitest";

import { reservePort } from "../../scripts/demo/reserve-port.ts";

function tryListen(port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(undefined));
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

const close = (server: net.Server) => new Promise((resolve) => server.close(resolve));

describe("the demo's port reservations", () => {
  it("hold the port against other processes until released, then let our server bind it", async () => {
    const reserved = await reservePort(0);
    // Another demo starting now: to it the port is taken, so it picks another.
    expect(await tryListen(reserved.port)).toBeUndefined();
    const other = await reservePort(reserved.port);
    expect(other.port).not.toBe(reserved.port);

    await reserved.release();
    const ours = await tryListen(reserved.port);
    expect(ours).toBeDefined();
    await close(ours!);
    await other.release();
    await reserved.release(); // twice is fine (a failed start releases everything)
  });
});

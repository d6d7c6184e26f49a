import net from "node:net";

export interface ReservedPort {
  port: number;
  /** Stop holding the port; call right before the real server binds it. Safe to call twice. */
  release(): Promise<void>;
}

/**
 * The preferred port when free, otherwise any free one, held by a listener until `release`.
 * The demo picks its ports before starting the servers that use them (their URLs go into the
 * environment first), and the app's server binds only after the build: a bare "is it free?"
 * check left that whole time for another process (a second demo starting) to take the port.
 * Held, the port looks taken to everyone else until a moment before our server binds it.
 */
export async function reservePort(preferred: number): Promise<ReservedPort> {
  const server = (await listenOn(preferred)) ?? (await listenOn(0));
  if (!server) throw new Error(`no free port (wanted ${preferred})`);
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : preferred;
  let released: Promise<void> | undefined;
  return {
    port,
    release: () => (released ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}

function listenOn(port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => socket.destroy());
    server.once("error", () => resolve(undefined));
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

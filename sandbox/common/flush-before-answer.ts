import type { ServerResponse } from "node:http";

/**
 * Runs `flush` before the first byte of the answer leaves: whatever the request changed is in the
 * journal before the client can hear that it was done. Handlers write their answer with
 * writeHead/write/end once their change is made, so hooking those covers every route.
 */
export function flushBeforeAnswer(res: ServerResponse, flush: () => void): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    flush();
    return writeHead(...args);
  }) as typeof res.writeHead;
  res.write = ((...args: unknown[]) => {
    flush();
    return write(...args);
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    flush();
    return end(...args);
  }) as typeof res.end;
}

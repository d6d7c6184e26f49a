/**
 * `npm start`: serve the production build (run `npm run build` first). Web servers are stateless:
 * run as many as you like behind a load balancer, all against one DATABASE_URL.
 */
import { getConfig } from "../app/.server/config.ts";
import { shutdownOnSignals } from "../app/.server/process/shutdown.ts";
import { startWebServer } from "../app/.server/process/web-server.ts";
import { resolveDatabase } from "../db/resolve-database.ts";

const log = (line: string) => console.log(`[web] ${line}`);
const database = await resolveDatabase(log);
const config = getConfig();
const web = await startWebServer({ port: config.PORT, host: "0.0.0.0", mode: "production" });
log(`listening on ${web.url}`);
shutdownOnSignals(
  [
    { name: "web server", run: web.close },
    { name: "database", run: database.stop },
  ],
  log,
);

/**
 * The web side of `shopify app dev` (see shopify.web.toml): Vite with HMR, migrations applied,
 * the embedded Postgres unless DATABASE_URL is set. Run `npm run worker` beside it for jobs.
 */
import { getConfig } from "../app/.server/config.ts";
import { shutdownOnSignals } from "../app/.server/process/shutdown.ts";
import { startWebServer } from "../app/.server/process/web-server.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { resolveDatabase } from "../db/resolve-database.ts";

const log = (line: string) => console.log(`[web] ${line}`);
const database = await resolveDatabase(log);
await migrateDatabase(database.url);
const config = getConfig();
const web = await startWebServer({ port: config.PORT, host: "0.0.0.0", mode: "development" });
log(`listening on ${web.url}`);
shutdownOnSignals(
  [
    { name: "web server", run: web.close },
    { name: "database", run: database.stop },
  ],
  log,
);

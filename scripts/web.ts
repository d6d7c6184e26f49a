/**
 * The web process. `npm start`: the production build (run `npm run build` first); web servers are
 * stateless, run as many as you like against one DATABASE_URL. `npm run dev:web` (`--dev`): the
 * web side of `shopify app dev` (see shopify.web.toml): Vite with HMR, migrations applied first.
 * Both use the embedded Postgres unless DATABASE_URL is set.
 */
import { parseArgs } from "node:util";

import { getConfig } from "../app/.server/config.ts";
import { shutdownOnSignals } from "../app/.server/process/shutdown.ts";
import { startWebServer } from "../app/.server/process/web-server.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { resolveDatabase } from "../db/resolve-database.ts";

const { values } = parseArgs({ options: { dev: { type: "boolean", default: false } } });
const log = (line: string) => console.log(`[web] ${line}`);
const database = await resolveDatabase(log);
if (values.dev) await migrateDatabase(database.url);
const config = getConfig();
const web = await startWebServer({
  port: config.PORT,
  host: "0.0.0.0",
  mode: values.dev ? "development" : "production",
});
log(`listening on ${web.url}`);
shutdownOnSignals(
  [
    { name: "web server", run: web.close },
    { name: "database", run: database.stop },
  ],
  log,
);

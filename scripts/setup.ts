/** `npm run setup`: bring the database (DATABASE_URL, or the embedded one) up to date. */
import { migrateDatabase } from "../db/migrate.ts";
import { resolveDatabase } from "../db/resolve-database.ts";

const log = (line: string) => console.log(`[setup] ${line}`);
const database = await resolveDatabase(log);
try {
  await migrateDatabase(database.url);
  log("migrations applied");
} finally {
  await database.stop();
}

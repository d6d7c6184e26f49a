import { randomBytes } from "node:crypto";

import postgres from "postgres";
import { afterAll, inject } from "vitest";

import { setDatabaseUrl } from "../../app/.server/config.ts";
import { closeDb, getDb } from "../../app/.server/db.ts";
import { withDatabase } from "./global-setup.ts";

export interface TestDatabase {
  url: string;
  /** A raw postgres.js client for assertions (counts, graphile_worker tables). */
  sql: postgres.Sql;
}

/**
 * A fresh database for this test file, cloned from the migrated template, made the app's
 * database (getDb()) and dropped when the file ends.
 */
export async function useTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("adminDatabaseUrl");
  const name = `erp_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${inject("templateDatabase")}"`);
  const url = withDatabase(adminUrl, name);
  setDatabaseUrl(url);
  getDb();
  const sql = postgres(url, { max: 2, onnotice: () => {} });

  afterAll(async () => {
    await sql.end();
    await closeDb();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });
  return { url, sql };
}

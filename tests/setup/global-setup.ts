import { randomBytes } from "node:crypto";

import postgres from "postgres";
import type { TestProject } from "vitest/node";

import { type EmbeddedDatabase, startEmbeddedPostgres } from "../../db/embedded-postgres.ts";
import { migrateDatabase } from "../../db/migrate.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A server URL (database part ignored) tests may create databases on. */
    adminDatabaseUrl: string;
    /** A database migrated once for this run; each test file clones it. */
    templateDatabase: string;
  }
}

/**
 * Real Postgres for the whole run: DATABASE_URL when given (CI may point at a service), else an
 * embedded server of its own under .data/test-pg. Migrations run once into a template database.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: ".data/test-pg", port: 54339, database: "postgres" });
    adminUrl = embedded.url;
  }
  const template = `erp_template_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${template}"`);
  await migrateDatabase(withDatabase(adminUrl, template));
  // A template with open connections cannot be cloned; migrateDatabase closed its own.
  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("templateDatabase", template);

  return async () => {
    await admin.unsafe(`drop database if exists "${template}" with (force)`);
    await admin.end();
    await embedded?.stop();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

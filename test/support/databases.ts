import pg from 'pg';
import { createPgliteDatabase, createPostgresDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { postgresUrl, uniqueName } from './services.js';

export interface TestDatabase {
  database: Database;
  /** A URL other processes can use (Postgres), or the PGlite data dir when one was asked for. */
  url?: string;
  cleanup(): Promise<void>;
}

export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  create(options?: { max?: number }): Promise<TestDatabase>;
}

/** A fresh, migrated database of its own on the real Postgres server: runs never see each other's data. */
export async function createPostgresTestDatabase(adminUrl: string, options: { max?: number } = {}): Promise<TestDatabase> {
  const scratch = await createScratchPostgresDatabase(adminUrl, 'md_test');
  const database = createPostgresDatabase({ url: scratch.url, max: options.max ?? 10 });
  await migrate(database);
  return {
    database,
    url: scratch.url,
    async cleanup() {
      await database.close();
      await scratch.drop();
    },
  };
}

/** An empty database of its own for real processes (they migrate it at start-up); `drop` removes it. */
export async function createScratchPostgresDatabase(adminUrl: string, prefix = 'md_e2e'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueName(prefix);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export async function createPgliteTestDatabase(dataDir?: string): Promise<TestDatabase> {
  const database = await createPgliteDatabase(dataDir);
  await migrate(database);
  return { database, url: dataDir, cleanup: () => database.close() };
}

/** PGlite always; the real Postgres when it answers (else skipped loudly, or a failure under .ci/run). */
export async function databaseTargets(): Promise<DatabaseTarget[]> {
  const targets: DatabaseTarget[] = [{ name: 'pglite', create: () => createPgliteTestDatabase() }];
  const url = await postgresUrl();
  if (url) targets.push({ name: 'postgres', create: (options) => createPostgresTestDatabase(url, options) });
  return targets;
}

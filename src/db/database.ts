import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { DB } from './schema.js';

/** Raw access for what Kysely cannot express: multi-statement migration scripts. */
export interface ScriptRunner {
  exec(sqlText: string): Promise<void>;
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<DB>;
  /** Runs `fn` in one transaction on a raw connection (migrations). */
  scriptTransaction<R>(fn: (runner: ScriptRunner) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

// bigint columns (positions) are far below 2^53; numbers are easier to use and to compare than strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface PostgresOptions {
  url: string;
  max?: number;
  /** A long-open transaction stalls every log reader (DESIGN.md §4), so idle ones are cut off. */
  idleInTransactionTimeoutMs?: number;
  /** How long to wait for a new connection (default 10 s). */
  connectTimeoutMs?: number;
}

export function createPostgresDatabase(options: PostgresOptions): Database {
  // A bounded connect: with the server unreachable (no RST), a request gets 503 after this instead of hanging.
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10, connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000 });
  const idleTimeout = options.idleInTransactionTimeoutMs ?? 60_000;
  pool.on('connect', (client) => {
    // pg-pool only listens for errors while a client is idle; one dropped while checked out (inside a transaction,
    // between statements) would be an unhandled 'error' event and kill the process. The failed query reports it
    // instead, and the pool discards the broken client on release.
    client.on('error', () => undefined);
    client.query(`SET idle_in_transaction_session_timeout = ${Math.trunc(idleTimeout)}`).catch(() => undefined);
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    async scriptTransaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          exec: async (text) => {
            await client.query(text);
          },
          query: async (text, params = []) => (await client.query(text, params)).rows,
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/** PGlite: real Postgres compiled to WASM, in this process. `dataDir` undefined keeps it in memory. */
export async function createPgliteDatabase(dataDir?: string): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    async scriptTransaction(fn) {
      return pglite.transaction(async (tx) =>
        fn({
          exec: async (text) => {
            await tx.exec(text);
          },
          query: async <T>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows,
        }),
      );
    },
    async close() {
      await db.destroy();
    },
  };
}

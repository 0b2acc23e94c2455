import type { Kysely } from 'kysely';
import type { Config } from '../config/config.js';
import type { DB } from '../db/schema.js';
import type { BlobStore } from '../storage/blob-store.js';

/**
 * The log and the blobs, without a queue or projector: what the audit commands (replay, verify, events, show) read.
 * With the embedded database, the server must be stopped first (PGlite allows one process at a time).
 */
export async function withAuditStore<T>(config: Config, fn: (db: Kysely<DB>, blobs: BlobStore) => Promise<T>): Promise<T> {
  const { openDatabase, openBlobStore } = await import('../service/service.js');
  const database = await openDatabase(config);
  try {
    return await fn(database.db, await openBlobStore(config));
  } finally {
    await database.close();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A wrong option value: the command prints it with its help and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function idOption(values: Record<string, unknown>, name: string, required: true): string;
export function idOption(values: Record<string, unknown>, name: string, required: false): string | undefined;
export function idOption(values: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = values[name];
  if (value === undefined) {
    if (required) throw new UsageError(`--${name} is required`);
    return undefined;
  }
  if (typeof value !== 'string' || !UUID.test(value)) throw new UsageError(`--${name} must be a UUID (got '${String(value)}')`);
  return value.toLowerCase();
}

/** An instant: RFC 3339 / ISO-8601 date or date-time. */
export function dateOption(values: Record<string, unknown>, name: string): Date | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const date = new Date(String(value));
  if (!/^\d{4}-\d{2}-\d{2}/.test(String(value)) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--${name} must be a date or date-time such as 2026-01-31 or 2026-01-31T12:00:00Z (got '${String(value)}')`);
  }
  return date;
}

/** Runs a command body; a usage error is printed with the help and gives exit code 2. */
export async function usageGuard(help: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${help}`);
      return 2;
    }
    throw error;
  }
}

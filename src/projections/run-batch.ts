import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { createEventStore, type StoredEvent } from '../events/event-store.js';
import { readCheckpoint, writeCheckpoint } from './checkpoint-store.js';
import { queryBuilder, statementsFor, type Projection, type QueryBuilder } from './projection.js';

export interface BatchOptions {
  batchSize?: number;
  /** Called after the batch's rows are written and before the commit (crash tests kill the process here). */
  beforeCommit?: (projection: Projection, events: StoredEvent[]) => Promise<void> | void;
}

/** Events a projection applies per transaction unless told otherwise. */
export const DEFAULT_BATCH = 500;

export type BatchResult = { status: 'busy' } | { status: 'done'; applied: number };

/** Lock key of a log consumer; one active instance per consumer across every process. */
export const consumerLockKey = (name: string) => `modulardata:consumer:${name}`;

/**
 * Applies the next batch of events to one projection in one transaction: rows and checkpoint commit together, so
 * a crash applies a batch entirely or not at all. A transaction-level advisory lock makes other instances skip
 * (they find the projection busy) instead of applying the same events twice.
 */
export async function runProjectionBatch(db: Kysely<DB>, projection: Projection, options: BatchOptions = {}): Promise<BatchResult> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(hashtext(${consumerLockKey(projection.name)})) AS locked`.execute(trx);
    if (!rows[0]?.locked) return { status: 'busy' } as const;
    const from = await readCheckpoint(trx, projection.name);
    const events = await createEventStore(trx).readAll(from, options.batchSize ?? DEFAULT_BATCH);
    if (events.length === 0) return { status: 'done', applied: 0 } as const;
    await applyEvents(trx, projection, events);
    const last = events[events.length - 1];
    await writeCheckpoint(trx, projection.name, { transactionId: last.transactionId, position: last.position });
    await options.beforeCommit?.(projection, events);
    return { status: 'done', applied: events.length } as const;
  });
}

/** Runs a projection's statements for these events on `db` (a transaction), against the tables `q` names. */
export async function applyEvents(db: Kysely<DB>, projection: Projection, events: StoredEvent[], q: QueryBuilder = queryBuilder): Promise<void> {
  for (const event of events) {
    for (const statement of statementsFor(projection, event, q)) await db.executeQuery(statement);
  }
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { START, createEventStore, type Checkpoint } from '../events/event-store.js';
import type { QueryBuilder } from './projection.js';
import { compareCheckpoints, readCheckpoint, readLogHead, writeCheckpoint } from './checkpoint-store.js';
import { queryBuilder, type Projection } from './projection.js';
import { PROJECTIONS } from './read-models/index.js';
import { applyEvents, consumerLockKey } from './run-batch.js';

const BATCH = 1000;

export interface TableComparison {
  table: string;
  live_rows: number;
  rebuilt_rows: number;
  live_checksum: string;
  rebuilt_checksum: string;
  identical: boolean;
}

export interface RebuildReport {
  events: number;
  checkpoint: Checkpoint;
  tables: TableComparison[];
  identical: boolean;
  swapped: boolean;
  duration_ms: number;
}

export interface RebuildOptions {
  projections?: readonly Projection[];
  /** Replace the live rows with the rebuilt ones (readers keep seeing the old rows until the commit). */
  swap?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** Applies the events after `from` up to and including `end` to these projections; returns how many. */
async function replayUntil(
  trx: Transaction<DB>,
  projections: readonly Projection[],
  from: Checkpoint,
  end: Checkpoint,
  q: QueryBuilder,
  onProgress?: (done: number) => void,
): Promise<number> {
  const store = createEventStore(trx);
  let done = 0;
  let cursor = from;
  while (compareCheckpoints(cursor, end) < 0) {
    const events = (await store.readAll(cursor, BATCH)).filter(
      (e) => compareCheckpoints({ transactionId: e.transactionId, position: e.position }, end) <= 0,
    );
    if (events.length === 0) break;
    for (const projection of projections) await applyEvents(trx, projection, events, q);
    const last = events[events.length - 1];
    cursor = { transactionId: last.transactionId, position: last.position };
    done += events.length;
    onProgress?.(done);
  }
  return done;
}

async function checksum(trx: Transaction<DB>, schema: string, table: string): Promise<{ rows: number; checksum: string }> {
  const { rows } = await sql<{ rows: number; checksum: string | null }>`
    SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS checksum
    FROM ${sql.table(`${schema}.${table}`)} t`.execute(trx);
  return { rows: rows[0].rows, checksum: rows[0].checksum ?? '' };
}

/**
 * Replays the whole log into fresh tables and compares them with the live ones; with `swap` the live rows are
 * replaced by the rebuilt ones. The long replay runs in short batch transactions (a long-open transaction would
 * stall every log reader, DESIGN.md §4); only the final catch-up, comparison and swap run in one transaction that
 * holds every projection's lock, after the live tables were brought to the same log position. Readers never lose
 * a table: they see the old rows until that transaction commits.
 */
export async function rebuildProjections(db: Kysely<DB>, options: RebuildOptions = {}): Promise<RebuildReport> {
  const projections = options.projections ?? PROJECTIONS;
  const started = Date.now();
  const schema = `modulardata_rebuild_${process.pid}_${Date.now().toString(36)}`;
  const tables = [...new Set(projections.flatMap((p) => p.tables))];
  const q = queryBuilder.withSchema(schema);
  await db.transaction().execute(async (trx) => {
    await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(trx);
    for (const table of tables) {
      await sql`CREATE TABLE ${sql.table(`${schema}.${table}`)} (LIKE ${sql.table(`public.${table}`)} INCLUDING ALL)`.execute(trx);
    }
  });
  try {
    const { rows: countRows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(db);
    const total = countRows[0].n;
    let done = 0;
    const progress = (n: number) => options.onProgress?.(done + n, Math.max(total, done + n));

    // 1. Replay everything readable now into the fresh tables, one short transaction per batch.
    const bulkEnd: Checkpoint = (await readLogHead(db)) ?? START;
    let cursor = START;
    while (compareCheckpoints(cursor, bulkEnd) < 0) {
      const batch = await db.transaction().execute(async (trx) => {
        const events = (await createEventStore(trx).readAll(cursor, BATCH)).filter(
          (e) => compareCheckpoints({ transactionId: e.transactionId, position: e.position }, bulkEnd) <= 0,
        );
        for (const projection of projections) await applyEvents(trx, projection, events, q);
        return events;
      });
      if (batch.length === 0) break;
      const last = batch[batch.length - 1];
      cursor = { transactionId: last.transactionId, position: last.position };
      done += batch.length;
      progress(0);
    }

    // 2. Under every projection's lock: bring live and rebuilt tables to the same end, compare, swap.
    return await db.transaction().execute(async (trx) => {
      for (const projection of projections) {
        await sql`SELECT pg_advisory_xact_lock(hashtext(${consumerLockKey(projection.name)}))`.execute(trx);
      }
      const end: Checkpoint = (await readLogHead(trx)) ?? START;
      for (const projection of projections) {
        await replayUntil(trx, [projection], await readCheckpoint(trx, projection.name), end, queryBuilder);
        await writeCheckpoint(trx, projection.name, end);
      }
      done += await replayUntil(trx, projections, cursor, end, q, progress);

      const comparisons: TableComparison[] = [];
      for (const table of tables) {
        const live = await checksum(trx, 'public', table);
        const rebuilt = await checksum(trx, schema, table);
        comparisons.push({
          table,
          live_rows: live.rows,
          rebuilt_rows: rebuilt.rows,
          live_checksum: live.checksum,
          rebuilt_checksum: rebuilt.checksum,
          identical: live.rows === rebuilt.rows && live.checksum === rebuilt.checksum,
        });
      }
      if (options.swap) {
        for (const table of tables) {
          await sql`DELETE FROM ${sql.table(`public.${table}`)}`.execute(trx);
          await sql`INSERT INTO ${sql.table(`public.${table}`)} SELECT * FROM ${sql.table(`${schema}.${table}`)}`.execute(trx);
        }
      }
      return {
        events: done,
        checkpoint: end,
        tables: comparisons,
        identical: comparisons.every((c) => c.identical),
        swapped: Boolean(options.swap),
        duration_ms: Date.now() - started,
      };
    });
  } finally {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
  }
}

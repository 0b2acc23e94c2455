import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { toStoredEvent, type StoredEvent } from '../events/event-store.js';
import { PROJECTIONS } from '../projections/read-models/index.js';
import { applyEvents } from '../projections/run-batch.js';
import { sessionNotFound } from '../queries/sessions.js';

/** A past point of a session: a global log position, or an instant (events recorded at or before it). */
export type AsOf = { position: number } | { time: Date };

/** The session's last event at or before the asked point: what the answer describes. */
export interface AsOfPoint {
  position: number;
  recorded_at: Date;
}

/** The session stream up to a point (stream order; the log never edits a row, so a past prefix is fixed). */
async function streamUpTo(db: Kysely<DB>, sessionId: string, asOf: AsOf): Promise<StoredEvent[]> {
  let query = db
    .selectFrom('events')
    .select(['position', sql<string>`transaction_id::text`.as('transaction_id'), 'stream_id', 'stream_version', 'event_id', 'type', 'schema_version', 'data', 'metadata', 'recorded_at'])
    .where('stream_id', '=', `session-${sessionId}`);
  if ('position' in asOf) {
    query = query.where('position', '<=', asOf.position);
  } else {
    // "Right after its last event at or before that instant": the prefix up to that event, in stream order.
    const last = db
      .selectFrom('events')
      .select((eb) => eb.fn.max('stream_version').as('v'))
      .where('stream_id', '=', `session-${sessionId}`)
      .where('recorded_at', '<=', asOf.time);
    query = query.where('stream_version', '<=', last);
  }
  const rows = await query.orderBy('stream_version').execute();
  return rows.map((row) => toStoredEvent(row as never));
}

/** Unwinds the fold's transaction after the read: nothing it wrote may outlive the answer. */
class Unwind<T> {
  constructor(readonly value: T) {}
}

/**
 * Reads a session as it was at a past point. The session's events up to that point are folded by the projections'
 * own handlers into temporary tables that shadow the read tables (a temporary table is found first by unqualified
 * names), inside one transaction that is rolled back afterwards. `read` then runs the ordinary queries on that
 * transaction and gets exactly the rows the live tables had at that point — the same code builds both answers, so
 * they cannot drift apart. Without `asOf`, `read` runs on the live tables.
 *
 * `actor`: the session must be theirs (null skips the check: the local audit commands). A point before the session
 * existed, or another user's session, is SESSION_NOT_FOUND.
 */
export async function readAsOf<T>(
  db: Kysely<DB>,
  sessionId: string,
  actor: string | null,
  asOf: AsOf | undefined,
  read: (q: Kysely<DB>, point: (AsOfPoint & { owner_id: string }) | null) => Promise<T>,
): Promise<T> {
  if (!asOf) return read(db, null);
  const events = await streamUpTo(db, sessionId, asOf);
  const created = events.find((e) => e.type === 'SessionCreated');
  if (!created || (actor !== null && created.data.owner_id !== actor)) throw sessionNotFound(sessionId);
  const last = events[events.length - 1];
  const point = { position: last.position, recorded_at: last.recordedAt, owner_id: created.data.owner_id as string };
  const tables = [...new Set(PROJECTIONS.flatMap((p) => p.tables))];
  try {
    await db.transaction().execute(async (trx) => {
      for (const table of tables) {
        await sql`CREATE TEMPORARY TABLE ${sql.id(table)} (LIKE ${sql.table(`public.${table}`)} INCLUDING ALL) ON COMMIT DROP`.execute(trx);
      }
      for (const projection of PROJECTIONS) await applyEvents(trx, projection, events);
      throw new Unwind(await read(trx, point));
    });
  } catch (error) {
    if (error instanceof Unwind) return error.value as T;
    throw error;
  }
  throw new Error('unreachable: the fold transaction always unwinds');
}

import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { eventDefinition, type DomainEvent } from './catalogue/index.js';
import { InvalidEventError, WrongExpectedVersionError } from './errors.js';
import { upcast } from './upcast.js';

/** An exact stream version, or a condition on the stream as a whole. Every variant is enforced in SQL. */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export interface EventMetadata {
  actor?: string;
  request_id?: string | null;
  correlation_id?: string | null;
  causation_id?: string | null;
  idempotency_key?: string | null;
  [key: string]: unknown;
}

export interface StoredEvent<T extends string = string, D = any> {
  position: number;
  transactionId: string;
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: T;
  schemaVersion: number;
  data: D;
  metadata: EventMetadata;
  recordedAt: Date;
}

/** A place in the global order: readers go strictly after it. */
export interface Checkpoint {
  transactionId: string;
  position: number;
}

export const START: Checkpoint = { transactionId: '0', position: 0 };

export interface AppendOptions {
  /** "now" of the command, fixed when it was accepted; every event of the append records it. */
  recordedAt?: Date;
  metadata?: EventMetadata;
  idempotencyKey?: string;
}

export interface AppendResult {
  /** The stream's version after the append: the expected version for the next one. */
  nextExpectedVersion: number;
  positions: number[];
  /** The checkpoint that covers this append: a reader that reached it has seen every event of it. */
  checkpoint: Checkpoint;
  /** True when an earlier append with the same idempotency key answered instead. */
  replayed: boolean;
}

export interface EventStore {
  append(streamId: string, events: DomainEvent[], expected: ExpectedVersion, options?: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: { fromVersion?: number; toPosition?: number }): Promise<StoredEvent[]>;
  /** Events after `from` in global order, only those whose transactions have all finished; never skips one. */
  readAll(from: Checkpoint, limit: number): Promise<StoredEvent[]>;
  streamVersion(streamId: string): Promise<number>;
}

/** 'MD409' is raised by append_events for a wrong expected version; DETAIL carries the actual version. */
const WRONG_VERSION = 'MD409';

function validate(event: DomainEvent): unknown {
  const definition = eventDefinition(event.type);
  if (!definition) throw new InvalidEventError(`Unknown event type: ${event.type}`);
  const parsed = definition.schema.safeParse(event.data);
  if (!parsed.success) {
    throw new InvalidEventError(`Invalid ${event.type} data: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

interface EventRow {
  position: number | string;
  transaction_id: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  recorded_at: Date | string;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  const { schemaVersion, data } = upcast(row.type, row.schema_version, row.data);
  return {
    position: Number(row.position),
    transactionId: String(row.transaction_id),
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: row.type,
    schemaVersion,
    data,
    metadata: (row.metadata ?? {}) as EventMetadata,
    recordedAt: new Date(row.recorded_at),
  };
}

export function createEventStore(db: Kysely<DB>): EventStore {
  return {
    async append(streamId, events, expected, options = {}) {
      if (events.length === 0) throw new InvalidEventError('An append needs at least one event');
      const recordedAt = (options.recordedAt ?? new Date()).toISOString();
      const metadata = { ...options.metadata, idempotency_key: options.idempotencyKey ?? options.metadata?.idempotency_key ?? null };
      const payload = events.map((event) => {
        const definition = eventDefinition(event.type)!;
        return {
          event_id: randomUUID(),
          type: event.type,
          schema_version: definition?.schemaVersion ?? 1,
          data: validate(event),
          metadata,
          recorded_at: recordedAt,
        };
      });
      try {
        const { rows } = await sql<{ event_position: number; event_stream_version: number; event_transaction_id: string; replayed: boolean }>`
          SELECT * FROM append_events(${streamId}, ${String(expected)}, ${JSON.stringify(payload)}::jsonb, ${options.idempotencyKey ?? null})`.execute(db);
        const last = rows[rows.length - 1];
        return {
          nextExpectedVersion: last.event_stream_version,
          positions: rows.map((r) => Number(r.event_position)),
          checkpoint: { transactionId: last.event_transaction_id, position: Number(last.event_position) },
          replayed: last.replayed,
        };
      } catch (error) {
        const pgError = error as { code?: string; detail?: string };
        if (pgError.code === WRONG_VERSION) throw new WrongExpectedVersionError(streamId, expected, Number(pgError.detail));
        throw error;
      }
    },

    async readStream(streamId, options = {}) {
      let query = db
        .selectFrom('events')
        .select(['position', sql<string>`transaction_id::text`.as('transaction_id'), 'stream_id', 'stream_version', 'event_id', 'type', 'schema_version', 'data', 'metadata', 'recorded_at'])
        .where('stream_id', '=', streamId)
        .orderBy('stream_version');
      if (options.fromVersion !== undefined) query = query.where('stream_version', '>=', options.fromVersion);
      if (options.toPosition !== undefined) query = query.where('position', '<=', options.toPosition);
      const rows = await query.execute();
      return rows.map((row) => toStoredEvent(row as EventRow));
    },

    async readAll(from, limit) {
      const { rows } = await sql<EventRow>`
        SELECT * FROM read_all_events(${from.transactionId}::xid8, ${from.position}, ${limit})`.execute(db);
      return rows.map(toStoredEvent);
    },

    async streamVersion(streamId) {
      const row = await db
        .selectFrom('events')
        .select((eb) => eb.fn.max('stream_version').as('version'))
        .where('stream_id', '=', streamId)
        .executeTakeFirst();
      return Number(row?.version ?? 0);
    },
  };
}

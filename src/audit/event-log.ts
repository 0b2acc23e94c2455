import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { toStoredEvent, type StoredEvent } from '../events/event-store.js';

export interface EventPageQuery {
  /** Global position, exclusive. */
  after?: number;
  limit: number;
  types?: string[];
  /** recorded_at at or after. */
  since?: Date;
  /** recorded_at at or before. */
  until?: Date;
}

export interface EventPage {
  total: number;
  has_more: boolean;
  next_after: number;
  events: StoredEvent[];
}

/** One page of a stream for audit, oldest first, upcast to current schemas; `total` counts the whole stream. */
export async function readEventPage(db: Kysely<DB>, streamId: string, query: EventPageQuery): Promise<EventPage> {
  const after = query.after ?? 0;
  let select = db.selectFrom('events').where('stream_id', '=', streamId).where('position', '>', after);
  if (query.types) select = select.where('type', 'in', query.types);
  if (query.since) select = select.where('recorded_at', '>=', query.since);
  if (query.until) select = select.where('recorded_at', '<=', query.until);
  const rows = await select
    .select(['position', 'transaction_id', 'stream_id', 'stream_version', 'event_id', 'type', 'schema_version', 'data', 'metadata', 'recorded_at'])
    .orderBy('position')
    .limit(query.limit + 1)
    .execute();
  const [{ total }] = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('total')).where('stream_id', '=', streamId).execute();
  const events = rows.slice(0, query.limit).map((row) => toStoredEvent(row as never));
  return { total: Number(total), has_more: rows.length > query.limit, next_after: events.length ? events[events.length - 1].position : after, events };
}

/** An event as the audit API shows it (API.md §13). */
export function eventJson(e: StoredEvent) {
  return {
    position: e.position,
    event_id: e.eventId,
    stream_version: e.streamVersion,
    type: e.type,
    schema_version: e.schemaVersion,
    recorded_at: e.recordedAt,
    data: e.data,
    metadata: {
      actor: e.metadata.actor ?? null,
      request_id: e.metadata.request_id ?? null,
      correlation_id: e.metadata.correlation_id ?? null,
      causation_id: e.metadata.causation_id ?? null,
      idempotency_key: e.metadata.idempotency_key ?? null,
      ...e.metadata,
    },
  };
}

import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
} from 'kysely';
import type { ReadModels } from '../db/schema.js';
import type { StoredEvent } from '../events/event-store.js';
import type { EventData, EventType } from '../events/catalogue/index.js';

/** Builds SQL without a connection: handlers stay pure (event in, statements out) and testable without I/O. */
export const queryBuilder = new Kysely<ReadModels>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

export type QueryBuilder = Kysely<ReadModels>;

export type Handler<T extends EventType> = (
  event: StoredEvent<T, EventData<T>>,
  q: QueryBuilder,
) => CompiledQuery[];

/**
 * A read model: pure handlers per event type that return the statements to run. Handlers must be idempotent per
 * event (applying one twice leaves the same rows), so they upsert and write absolute values.
 */
export interface Projection {
  readonly name: string;
  readonly tables: readonly (keyof ReadModels)[];
  readonly handlers: { readonly [T in EventType]?: Handler<T> };
  /** Runs for every event after the typed handler (e.g. bump a stream's version). */
  readonly any?: (event: StoredEvent, q: QueryBuilder) => CompiledQuery[];
}

export function defineProjection(projection: Projection): Projection {
  return projection;
}

/** The statements a projection runs for one event; `q` may be scoped to another schema (rebuilds). */
export function statementsFor(projection: Projection, event: StoredEvent, q: QueryBuilder = queryBuilder): CompiledQuery[] {
  const handler = projection.handlers[event.type as EventType] as Handler<EventType> | undefined;
  return [...(handler ? handler(event as never, q) : []), ...(projection.any ? projection.any(event, q) : [])];
}

export const json = (value: unknown): string => JSON.stringify(value ?? null);

/** The id in a stream name such as `session-<uuid>`. */
export const streamEntityId = (streamId: string): string => streamId.slice(streamId.indexOf('-') + 1);

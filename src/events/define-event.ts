import type { z } from 'zod';

/**
 * One event type: its name, current schema version, the zod schema of its data, and upcasters that lift stored data
 * of older schema versions to the current one (events are never edited in place).
 */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  readonly schemaVersion: number;
  readonly schema: S;
  /** upcasters[v] turns data written at version v into version v + 1. */
  readonly upcasters: Readonly<Record<number, (data: any) => unknown>>;
}

export function defineEvent<T extends string, S extends z.ZodType>(
  type: T,
  schema: S,
  options: { schemaVersion?: number; upcasters?: Record<number, (data: any) => unknown> } = {},
): EventDefinition<T, S> {
  return { type, schema, schemaVersion: options.schemaVersion ?? 1, upcasters: options.upcasters ?? {} };
}

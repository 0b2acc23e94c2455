import type { EventMetadata, StoredEvent } from './event-store.js';

/**
 * Metadata for events recorded because of an earlier one (a worker's outcome of a requested apply or run): the
 * cause is that event, the correlation and the request are the ones that started the whole flow, so an audit can
 * follow an outcome back to the HTTP request that asked for it.
 */
export function causedBy(cause: Pick<StoredEvent, 'eventId' | 'metadata'>, actor: string): EventMetadata {
  return {
    actor,
    causation_id: cause.eventId,
    correlation_id: cause.metadata.correlation_id ?? cause.eventId,
    request_id: cause.metadata.request_id ?? null,
  };
}

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sessionStream } from '../../commands/session/session-decider.js';
import { EVENT_CATALOGUE } from '../../events/index.js';
import { toStoredEvent } from '../../events/event-store.js';
import { findSession } from '../../queries/sessions.js';
import type { Service } from '../../service/service.js';
import { actorOf } from '../request-context.js';
import { intQuery, sessionParams } from '../schemas.js';

const KNOWN_TYPES = new Set<string>(Object.values(EVENT_CATALOGUE).map((d) => d.type));

const eventsQuery = z.object({
  after: intQuery(0, Number.MAX_SAFE_INTEGER).default(0),
  limit: intQuery(1, 1000).default(100),
  types: z
    .string()
    .max(2000)
    .optional()
    .transform((v) => (v ? v.split(',').map((t) => t.trim()).filter(Boolean) : undefined))
    .refine((list) => !list || list.every((t) => KNOWN_TYPES.has(t)), { message: 'unknown event type' }),
});

/** GET /sessions/{id}/events (API.md §13): the session's stream for audit, oldest first, upcast to current schemas. */
export function eventRoutes(service: Service): FastifyPluginAsyncZod {
  const db = service.database.db;
  return async (app) => {
    app.get('/sessions/:id/events', { schema: { tags: ['events'], summary: "The session's event stream (audit)", params: sessionParams, querystring: eventsQuery } }, async (request) => {
      const session = await findSession(db, request.params.id, actorOf(request));
      const stream = sessionStream(session.id);
      const { after, limit, types } = request.query;
      let query = db.selectFrom('events').where('stream_id', '=', stream).where('position', '>', after);
      if (types) query = query.where('type', 'in', types);
      const rows = await query
        .select(['position', 'transaction_id', 'stream_id', 'stream_version', 'event_id', 'type', 'schema_version', 'data', 'metadata', 'recorded_at'])
        .orderBy('position')
        .limit(limit + 1)
        .execute();
      const [{ total }] = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('total')).where('stream_id', '=', stream).execute();
      const page = rows.slice(0, limit).map((row) => toStoredEvent(row as never));
      return {
        session_id: session.id,
        total: Number(total),
        has_more: rows.length > limit,
        next_after: page.length ? page[page.length - 1].position : after,
        events: page.map((e) => ({
          position: e.position,
          stream_version: e.streamVersion,
          type: e.type,
          schema_version: e.schemaVersion,
          recorded_at: e.recordedAt,
          data: e.data,
          metadata: e.metadata,
        })),
      };
    });
  };
}

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eventJson, readEventPage } from '../../audit/event-log.js';
import { sessionStream } from '../../commands/session/session-decider.js';
import { EVENT_CATALOGUE } from '../../events/index.js';
import { findSession } from '../../queries/sessions.js';
import type { Service } from '../../service/service.js';
import { actorOf } from '../request-context.js';
import { instantQuery, intQuery, sessionParams } from '../schemas.js';

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
  /** Events recorded at or after this instant. */
  since: instantQuery.optional(),
  /** Events recorded at or before this instant. */
  until: instantQuery.optional(),
});

/**
 * GET /sessions/{id}/events (API.md §13): the session's stream for audit, oldest first, upcast to current schemas,
 * filtered by type and by time; each event carries its actor, request, correlation and causation ids.
 */
export function eventRoutes(service: Service): FastifyPluginAsyncZod {
  const db = service.database.db;
  return async (app) => {
    app.get('/sessions/:id/events', { schema: { tags: ['events'], summary: "The session's event stream (audit)", params: sessionParams, querystring: eventsQuery } }, async (request) => {
      const session = await findSession(db, request.params.id, actorOf(request));
      const page = await readEventPage(db, sessionStream(session.id), request.query);
      return { session_id: session.id, total: page.total, has_more: page.has_more, next_after: page.next_after, events: page.events.map(eventJson) };
    });
  };
}

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { analyticsReport } from '../../queries/analytics/report.js';
import { dayQuery, resolveRange } from '../../queries/analytics/range.js';
import { findSession } from '../../queries/sessions.js';
import type { Service } from '../../service/service.js';
import { actorOf } from '../request-context.js';
import { sessionParams } from '../schemas.js';

const rangeQuery = z.object({ from: dayQuery.optional(), to: dayQuery.optional() });
const transformationsQuery = rangeQuery.extend({
  op: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { message: 'must be an op name such as filter_rows' }).optional(),
});

/** Auth off: one local user owns everything, so a report covers every session (API.md §2, §14). */
const authEnabled = (service: Service) => Boolean(service.config.SUPABASE_JWT_SECRET || service.config.AUTH_JWKS_URL);

/** GET /analytics/transformations and GET /sessions/{id}/analytics (API.md §14). */
export function analyticsRoutes(service: Service): FastifyPluginAsyncZod {
  const db = service.database.db;
  const owner = (request: FastifyRequest) => (authEnabled(service) ? actorOf(request) : null);
  return async (app) => {
    app.get(
      '/analytics/transformations',
      { schema: { tags: ['analytics'], summary: "Analytics of the caller's transformation history", querystring: transformationsQuery } },
      async (request) => {
        const range = resolveRange(request.query, service.now());
        return analyticsReport(db, { ...range, op: request.query.op, owner: owner(request) });
      },
    );
    app.get(
      '/sessions/:id/analytics',
      { schema: { tags: ['analytics'], summary: "Analytics of one session's transformation history", params: sessionParams, querystring: rangeQuery } },
      async (request) => {
        const session = await findSession(db, request.params.id, actorOf(request));
        const range = resolveRange(request.query, service.now());
        return analyticsReport(db, { ...range, sessionId: session.id, owner: owner(request) });
      },
    );
  };
}

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readAsOf } from '../../audit/time-travel.js';
import { executeSessionCommand } from '../../commands/session/execute.js';
import { findSession, listSessions, sessionObject } from '../../queries/sessions.js';
import type { Service } from '../../service/service.js';
import { asOfQuery, markAsOf } from '../as-of.js';
import { actorOf, commandContext } from '../request-context.js';
import { intQuery, metadataSchema, sessionParams } from '../schemas.js';

const createBody = z
  .object({ name: z.string().trim().min(1).max(255).optional(), metadata: metadataSchema.optional() })
  .nullish()
  .transform((v) => v ?? {});

const updateBody = z
  .object({ name: z.string().trim().min(1).max(255).optional(), metadata: metadataSchema.optional() })
  .refine((v) => v.name !== undefined || v.metadata !== undefined, { message: 'Send at least one of name or metadata' });

const listQuery = z.object({
  page: intQuery(1, 1_000_000).optional(),
  page_size: intQuery(1, 100).optional(),
  limit: intQuery(1, 100).optional(),
  offset: intQuery(0, 10_000_000).optional(),
  status: z.enum(['draft', 'deployed', 'archived']).optional(),
});

export function sessionRoutes(service: Service): FastifyPluginAsyncZod {
  const db = service.database.db;
  return async (app) => {
    app.post('/sessions', { schema: { tags: ['sessions'], summary: 'Create a session', body: createBody } }, async (request) => {
      const sessionId = randomUUID();
      const context = commandContext(service, request);
      await executeSessionCommand(
        service,
        { type: 'CreateSession', actor: actorOf(request), sessionId, planId: randomUUID(), name: request.body.name ?? null, metadata: request.body.metadata ?? {} },
        context,
      );
      return { session_id: sessionId, status: 'draft', created_at: context.now, name: request.body.name ?? null, message: 'Session created successfully' };
    });

    app.get('/sessions', { schema: { tags: ['sessions'], summary: 'List sessions, newest first', querystring: listQuery } }, async (request) => {
      const q = request.query;
      const pageSize = q.limit ?? q.page_size ?? 10;
      const offset = q.offset ?? ((q.page ?? 1) - 1) * pageSize;
      const { sessions, total } = await listSessions(db, { actor: actorOf(request), limit: pageSize, offset, status: q.status });
      return { sessions, total, page: Math.floor(offset / pageSize) + 1, page_size: pageSize, limit: pageSize, offset };
    });

    app.get('/sessions/:id', { schema: { tags: ['sessions'], summary: 'Get a session (as it was at `as_of`, when given)', params: sessionParams, querystring: asOfQuery } }, async (request, reply) => {
      return readAsOf(db, request.params.id, actorOf(request), request.query.as_of, async (q, point) => {
        const row = await findSession(q, request.params.id, actorOf(request));
        if (!point) reply.header('ETag', `"${row.version}"`);
        return markAsOf(reply, point, await sessionObject(q, row));
      });
    });

    app.patch('/sessions/:id', { schema: { tags: ['sessions'], summary: 'Rename a session or replace its metadata', params: sessionParams, body: updateBody } }, async (request, reply) => {
      const { id } = request.params;
      const result = await executeSessionCommand(
        service,
        { type: 'UpdateSession', actor: actorOf(request), sessionId: id, name: request.body.name, metadata: request.body.metadata },
        commandContext(service, request, { ifMatch: true }),
      );
      reply.header("ETag", `"${result.append!.nextExpectedVersion}"`);
      return { session_id: id, name: result.state.name, message: 'Module updated successfully' };
    });

    app.delete('/sessions/:id', { schema: { tags: ['sessions'], summary: 'Archive a session (nothing is removed)', params: sessionParams } }, async (request) => {
      const { id } = request.params;
      await executeSessionCommand(service, { type: 'ArchiveSession', actor: actorOf(request), sessionId: id }, commandContext(service, request, { ifMatch: true }));
      return { session_id: id, status: 'archived', message: 'Session archived successfully' };
    });
  };
}

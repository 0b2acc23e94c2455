import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { postChat } from '../../commands/session/chat/post-chat.js';
import { planObject } from '../../queries/plans.js';
import type { Service } from '../../service/service.js';
import { actorOf, commandContext } from '../request-context.js';
import { sessionParams } from '../schemas.js';

const chatBody = z.object({
  message: z.string().min(1).max(2000).refine((m) => m.trim().length > 0, { message: 'must not be blank' }),
  mode: z.enum(['plan', 'transform']).default('plan'),
});

const chatQuery = z.object({ wait: z.coerce.number().min(0).max(120).default(30) });

/** POST /sessions/{id}/chat (API.md §9.2): plain language → the open plan, answers, or an apply. */
export function chatRoutes(service: Service): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/sessions/:id/chat',
      { schema: { tags: ['plan'], summary: 'Talk to the assistant: plan changes, ask about the data, or apply', params: sessionParams, body: chatBody, querystring: chatQuery } },
      async (request) => {
        const { id } = request.params;
        const answer = await postChat(
          service,
          { sessionId: id, actor: actorOf(request), message: request.body.message, mode: request.body.mode, wait: request.query.wait },
          commandContext(service, request),
        );
        return { session_id: id, message: request.body.message, ...answer, plan: await planObject(service.database.db, id) };
      },
    );
  };
}

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readAsOf } from '../../audit/time-travel.js';
import { toRecords } from '../../engine/index.js';
import type { NodeDataLoader } from '../../queries/node-data.js';
import { findNode, listNodes, nodeDetail, nodeSummary } from '../../queries/nodes.js';
import { findSession } from '../../queries/sessions.js';
import type { Service } from '../../service/service.js';
import { asOfQuery, markAsOf } from '../as-of.js';
import { actorOf } from '../request-context.js';
import { booleanQuery, intQuery, nodeParams, sessionParams } from '../schemas.js';

const historyQuery = z.object({
  include_messages: booleanQuery.default(true),
  message_limit: intQuery(1, 500).default(100),
  include_discarded: booleanQuery.default(false),
  as_of: asOfQuery.shape.as_of,
});

export function historyRoutes(service: Service, nodeData: NodeDataLoader): FastifyPluginAsyncZod {
  const db = service.database.db;
  return async (app) => {
    app.get('/sessions/:id/history', { schema: { tags: ['versions'], summary: 'Version tree and conversation (as they were at `as_of`, when given)', params: sessionParams, querystring: historyQuery } }, async (request, reply) =>
      readAsOf(db, request.params.id, actorOf(request), request.query.as_of, async (q, point) => {
        const session = await findSession(q, request.params.id, actorOf(request));
        const nodes = await listNodes(q, session.id, request.query.include_discarded);
        const [{ total }] = await q.selectFrom('chat_logs').select((eb) => eb.fn.countAll<number>().as('total')).where('session_id', '=', session.id).execute();
        const messages = request.query.include_messages
          ? (
              await q
                .selectFrom('chat_logs')
                .select(['id', 'role', 'content', 'node_id', 'metadata', 'created_at'])
                .where('session_id', '=', session.id)
                .orderBy('position', 'desc')
                .limit(request.query.message_limit)
                .execute()
            ).reverse()
          : [];
        return markAsOf(reply, point, {
          session_id: session.id,
          current_node_id: session.current_node_id,
          total_nodes: nodes.length,
          total_messages: Number(total),
          nodes: nodes.map((n) => nodeSummary(n, session)),
          messages,
        });
      }),
    );

    app.get('/sessions/:id/nodes', { schema: { tags: ['versions'], summary: 'Every version of the session (as at `as_of`, when given)', params: sessionParams, querystring: historyQuery.pick({ include_discarded: true, as_of: true }) } }, async (request, reply) =>
      readAsOf(db, request.params.id, actorOf(request), request.query.as_of, async (q, point) => {
          const session = await findSession(q, request.params.id, actorOf(request));
          return markAsOf(reply, point, (await listNodes(q, session.id, request.query.include_discarded)).map((n) => nodeSummary(n, session)));
      }),
    );

    app.get('/sessions/:id/nodes/:nid', { schema: { tags: ['versions'], summary: 'One version in detail', params: nodeParams } }, async (request) => {
      const session = await findSession(db, request.params.id, actorOf(request));
      const node = await findNode(db, session.id, request.params.nid);
      return nodeDetail(node, session, toRecords(await nodeData.load(node.storage_path), { limit: 10 }));
    });
  };
}

import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readAsOf, type AsOf } from '../../audit/time-travel.js';
import { rowCount, sliceRows, toRecords, writeCsv } from '../../engine/index.js';
import type { NodeDataLoader } from '../../queries/node-data.js';
import { currentNode, findNode, type NodeRow } from '../../queries/nodes.js';
import { findSession } from '../../queries/sessions.js';
import type { Service } from '../../service/service.js';
import { asOfQuery, markAsOf } from '../as-of.js';
import { actorOf } from '../request-context.js';
import { booleanQuery, intQuery, nodeParams, sessionParams } from '../schemas.js';

const dataQuery = z.object({
  format: z.enum(['csv', 'json']).default('csv'),
  limit: intQuery(1, 10_000).optional(),
  offset: intQuery(0, 1_000_000_000).default(0),
  escape_formulas: booleanQuery.default(true),
});

const previewQuery = z.object({ rows: intQuery(1, 100).optional(), limit: intQuery(1, 100).optional() });

const currentDataQuery = dataQuery.extend(asOfQuery.shape);

/** JSON answers are capped when no limit is given (API.md §8: at most 1000 rows). */
const JSON_DEFAULT_LIMIT = 1000;

export function dataRoutes(service: Service, nodeData: NodeDataLoader): FastifyPluginAsyncZod {
  const db = service.database.db;

  async function sendData(reply: FastifyReply, sessionId: string, node: NodeRow, query: z.infer<typeof dataQuery>, filename: string) {
    const table = await nodeData.load(node.storage_path);
    const total = rowCount(table);
    if (query.format === 'json') {
      const data = toRecords(table, { offset: query.offset, limit: query.limit ?? JSON_DEFAULT_LIMIT });
      return { session_id: sessionId, node_id: node.id, row_count: data.length, column_count: table.schema.length, total_rows: total, data };
    }
    const window = query.offset > 0 || query.limit !== undefined ? sliceRows(table, query.offset, query.limit ?? total) : table;
    reply.header('Content-Disposition', `attachment; filename="${filename}"`).type('text/csv; charset=utf-8');
    return Buffer.from(writeCsv(window, { escapeFormulas: query.escape_formulas }));
  }

  /** The session and its current version, now or as they were at `as_of` (node data never changes). */
  const current = (id: string, actor: string, asOf: AsOf | undefined) =>
    readAsOf(db, id, actor, asOf, async (q, point) => {
      const session = await findSession(q, id, actor);
      return { session, node: await currentNode(q, session), point };
    });

  return async (app) => {
    app.get('/sessions/:id/preview', { schema: { tags: ['data'], summary: 'First rows of the current version (at `as_of`, when given)', params: sessionParams, querystring: previewQuery.extend(asOfQuery.shape) } }, async (request, reply) => {
      const { session, node, point } = await current(request.params.id, actorOf(request), request.query.as_of);
      const table = await nodeData.load(node.storage_path);
      const limit = request.query.rows ?? request.query.limit ?? 10;
      return markAsOf(reply, point, { session_id: session.id, node_id: node.id, row_count: node.row_count, column_count: node.column_count, preview: toRecords(table, { limit }) });
    });

    app.get('/sessions/:id/data', { schema: { tags: ['data'], summary: 'Download the current version (CSV or JSON; at `as_of`, when given)', params: sessionParams, querystring: currentDataQuery } }, async (request, reply) => {
      const { session, node, point } = await current(request.params.id, actorOf(request), request.query.as_of);
      return markAsOf(reply, point, await sendData(reply, session.id, node, request.query, `session_${session.id.slice(0, 8)}_data.csv`));
    });

    app.get('/sessions/:id/nodes/:nid/data', { schema: { tags: ['data'], summary: 'Download any version (CSV or JSON)', params: nodeParams, querystring: dataQuery } }, async (request, reply) => {
      const session = await findSession(db, request.params.id, actorOf(request));
      const node = await findNode(db, session.id, request.params.nid);
      return sendData(reply, session.id, node, request.query, `session_${session.id.slice(0, 8)}_node_${node.id.slice(0, 8)}.csv`);
    });

    app.get('/sessions/:id/profile', { schema: { tags: ['data'], summary: 'Profile of the current version (at `as_of`, when given)', params: sessionParams, querystring: asOfQuery } }, async (request, reply) => {
      const { session, node, point } = await current(request.params.id, actorOf(request), request.query.as_of);
      return markAsOf(reply, point, { session_id: session.id, node_id: node.id, row_count: node.row_count, column_count: node.column_count, profile: node.profile_json });
    });

    app.get('/sessions/:id/nodes/:nid/profile', { schema: { tags: ['data'], summary: 'Profile of any version', params: nodeParams } }, async (request) => {
      const session = await findSession(db, request.params.id, actorOf(request));
      const node = await findNode(db, session.id, request.params.nid);
      return {
        session_id: session.id,
        node_id: node.id,
        row_count: node.row_count,
        column_count: node.column_count,
        transformation: node.name ?? node.transformation,
        transformation_code: node.transformation_code,
        profile: node.profile_json,
      };
    });
  };
}

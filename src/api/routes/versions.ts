import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { executeSessionCommand } from '../../commands/session/execute.js';
import { toRecords } from '../../engine/index.js';
import type { NodeDataLoader } from '../../queries/node-data.js';
import { codeChain } from '../../queries/code-chain.js';
import { findNode, nodeDetail, nodeSummary } from '../../queries/nodes.js';
import { findSession } from '../../queries/sessions.js';
import type { Service } from '../../service/service.js';
import { actorOf, commandContext } from '../request-context.js';
import { intQuery, nodeParams, sessionParams, uuidParam } from '../schemas.js';

/** Rollback, undo and redo move the current pointer (API.md §10); lineage walks a node's ancestry. */
export function versionRoutes(service: Service, nodeData: NodeDataLoader): FastifyPluginAsyncZod {
  const db = service.database.db;

  const move = (reason: 'rollback' | 'undo' | 'redo') => async (request: { params: { id: string }; body?: unknown } & Parameters<typeof commandContext>[1]) => {
    const { id } = request.params;
    const target = reason === 'rollback' ? (request.body as { target_node_id: string }).target_node_id : undefined;
    const result = await executeSessionCommand(
      service,
      { type: 'MoveCurrentNode', actor: actorOf(request), sessionId: id, reason, targetNodeId: target, messageId: randomUUID() },
      commandContext(service, request, { ifMatch: true }),
    );
    const previous = result.events.length === 0 ? result.state.currentNodeId : (result.events[0].data as { from_node_id: string }).from_node_id;
    const current = result.state.currentNodeId!;
    const node = await findNode(db, id, current);
    return {
      success: true,
      session_id: id,
      previous_node_id: previous,
      current_node_id: current,
      message: result.events.length === 0 ? 'Already at this node' : `Rolled back to node ${current.slice(0, 8)}... (row count: ${node.row_count})`,
    };
  };

  return async (app) => {
    app.post('/sessions/:id/rollback', { schema: { tags: ['versions'], summary: 'Make any version of the session current', params: sessionParams, body: z.object({ target_node_id: uuidParam }) } }, move('rollback'));
    app.post('/sessions/:id/undo', { schema: { tags: ['versions'], summary: 'Move to the parent version', params: sessionParams } }, move('undo'));
    app.post('/sessions/:id/redo', { schema: { tags: ['versions'], summary: 'Move back down to the child the pointer came from', params: sessionParams } }, move('redo'));

    app.patch('/sessions/:id/nodes/:nid', { schema: { tags: ['versions'], summary: 'Name a version', params: nodeParams, body: z.object({ name: z.string().trim().min(1).max(255) }) } }, async (request) => {
      const { id, nid } = request.params;
      await executeSessionCommand(service, { type: 'RenameNode', actor: actorOf(request), sessionId: id, nodeId: nid, name: request.body.name }, commandContext(service, request, { ifMatch: true }));
      const session = await findSession(db, id, actorOf(request));
      const node = await findNode(db, id, nid);
      return nodeDetail(node, session, toRecords(await nodeData.load(node.storage_path), { limit: 10 }));
    });

    app.delete('/sessions/:id/nodes/:nid', { schema: { tags: ['versions'], summary: 'Discard the current version (kept, hidden; a rollback restores it)', params: nodeParams } }, async (request) => {
      const { id, nid } = request.params;
      const before = await findNode(db, id, nid).catch(() => undefined);
      const result = await executeSessionCommand(service, { type: 'DiscardNode', actor: actorOf(request), sessionId: id, nodeId: nid }, commandContext(service, request, { ifMatch: true }));
      return {
        success: true,
        session_id: id,
        deleted_node_id: nid,
        new_current_node_id: result.state.currentNodeId,
        message: `Deleted '${before?.name ?? before?.transformation ?? nid.slice(0, 8)}'.`,
      };
    });

    app.get(
      '/sessions/:id/nodes/:nid/code-chain',
      { schema: { tags: ['versions'], summary: 'The code of every step from the root to a version: a runnable module (or JSON steps)', params: nodeParams, querystring: z.object({ format: z.enum(['js', 'json']).default('js') }) } },
      async (request) => codeChain(service, await findSession(db, request.params.id, actorOf(request)), request.params.nid, request.query.format),
    );

    app.get('/sessions/:id/lineage/:nid', { schema: { tags: ['versions'], summary: 'Ancestry of a version, oldest first', params: nodeParams, querystring: z.object({ depth: intQuery(1, 100).default(10) }) } }, async (request) => {
      const session = await findSession(db, request.params.id, actorOf(request));
      const chain = [await findNode(db, session.id, request.params.nid)];
      while (chain.length < request.query.depth && chain[chain.length - 1].parent_id) {
        chain.push(await findNode(db, session.id, chain[chain.length - 1].parent_id!));
      }
      return chain.reverse().map((n) => nodeSummary(n, session));
    });
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { replayNode } from '../../audit/replay-node.js';
import { loadRecipes } from '../../audit/verify.js';
import { nodeNotFound } from '../../queries/nodes.js';
import { findSession } from '../../queries/sessions.js';
import type { Service } from '../../service/service.js';
import { actorOf } from '../request-context.js';
import { nodeParams } from '../schemas.js';

/**
 * GET /sessions/{id}/nodes/{nid}/verify: rebuilds the version from the log and the original upload alone and
 * compares its SHA-256 with the recorded one (and checks the stored copy), naming the first differing step.
 */
export function verifyRoutes(service: Service): FastifyPluginAsyncZod {
  const db = service.database.db;
  return async (app) => {
    app.get('/sessions/:id/nodes/:nid/verify', { schema: { tags: ['versions'], summary: 'Reproduce a version from the event log and compare hashes', params: nodeParams } }, async (request) => {
      const session = await findSession(db, request.params.id, actorOf(request));
      const replay = await replayNode(service.blobs, await loadRecipes(db, session.id), request.params.nid);
      if (!replay) throw nodeNotFound(session.id, request.params.nid);
      return {
        ...replay.verdict,
        lineage: replay.lineage.map((n) => ({ node_id: n.node_id, kind: n.kind, ops: n.ops, status: n.status, expected_hash: n.expected_hash, replayed_hash: n.replayed_hash })),
      };
    });
  };
}

import type { Kysely, Selectable } from 'kysely';
import type { DB, NodesTable } from '../db/schema.js';
import { AppError } from '../errors/index.js';
import type { SessionRow } from './sessions.js';

export type NodeRow = Selectable<NodesTable>;

export function nodeNotFound(sessionId: string, nodeId: string): AppError {
  return new AppError('NODE_NOT_FOUND', `Node not found: ${nodeId}`, {
    suggestion: `List the session's versions with GET /api/v1/sessions/${sessionId}/nodes.`,
    details: { session_id: sessionId, node_id: nodeId },
  });
}

export async function findNode(db: Kysely<DB>, sessionId: string, nodeId: string): Promise<NodeRow> {
  const row = await db.selectFrom('nodes').selectAll().where('id', '=', nodeId).where('session_id', '=', sessionId).executeTakeFirst();
  if (!row) throw nodeNotFound(sessionId, nodeId);
  return row;
}

/** The session's current node; NO_DATA before the first upload. */
export async function currentNode(db: Kysely<DB>, session: SessionRow): Promise<NodeRow> {
  if (!session.current_node_id) {
    throw new AppError('NO_DATA', 'No data uploaded. Please upload a CSV file first.', {
      suggestion: `Upload a file with POST /api/v1/sessions/${session.id}/upload.`,
      details: { session_id: session.id },
    });
  }
  return findNode(db, session.id, session.current_node_id);
}

export async function listNodes(db: Kysely<DB>, sessionId: string, includeDiscarded = false): Promise<NodeRow[]> {
  let query = db.selectFrom('nodes').selectAll().where('session_id', '=', sessionId);
  if (!includeDiscarded) query = query.where('discarded', '=', false);
  return query.orderBy('position').execute();
}

/** NodeSummary of API.md §10. */
export function nodeSummary(node: NodeRow, session: SessionRow) {
  const steps = Array.isArray(node.steps) ? node.steps : [];
  return {
    id: node.id,
    parent_id: node.parent_id,
    created_at: node.created_at,
    transformation: node.name ?? node.transformation,
    row_count: node.row_count,
    column_count: node.column_count,
    is_current: node.id === session.current_node_id,
    kind: node.kind,
    is_deployed: node.id === session.deployed_node_id,
    discarded: node.discarded,
    step_count: steps.length,
  };
}

/** The node detail of API.md §10. */
export function nodeDetail(node: NodeRow, session: SessionRow, previewRows: Record<string, unknown>[]) {
  return {
    id: node.id,
    session_id: session.id,
    parent_id: node.parent_id,
    created_at: node.created_at,
    transformation: node.name ?? node.transformation,
    transformation_code: node.transformation_code,
    row_count: node.row_count,
    column_count: node.column_count,
    storage_path: node.storage_path,
    preview_rows: previewRows,
    is_current: node.id === session.current_node_id,
    kind: node.kind,
    filename: node.filename,
    steps: node.steps,
    step_stats: node.step_stats,
    checks: node.checks,
    content_hash: node.content_hash,
    engine_version: node.engine_version,
    task_id: node.task_id,
    is_deployed: node.id === session.deployed_node_id,
    discarded: node.discarded,
  };
}

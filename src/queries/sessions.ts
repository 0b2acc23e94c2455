import type { Kysely, Selectable } from 'kysely';
import type { DB, SessionsTable } from '../db/schema.js';
import { AppError } from '../errors/index.js';

export type SessionRow = Selectable<SessionsTable>;

export function sessionNotFound(sessionId: string): AppError {
  return new AppError('SESSION_NOT_FOUND', `Session not found: ${sessionId}`, {
    suggestion: 'List your sessions with GET /api/v1/sessions.',
    details: { session_id: sessionId },
  });
}

/** The caller's session, or SESSION_NOT_FOUND — also for another user's session (API.md §2). */
export async function findSession(db: Kysely<DB>, sessionId: string, actor: string): Promise<SessionRow> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', sessionId).where('owner_id', '=', actor).executeTakeFirst();
  if (!row) throw sessionNotFound(sessionId);
  return row;
}

export function sessionStatus(row: SessionRow): 'draft' | 'deployed' | 'archived' {
  if (row.status === 'archived') return 'archived';
  return row.deployed_node_id ? 'deployed' : 'draft';
}

/** The session object of API.md §6. */
export async function sessionObject(db: Kysely<DB>, row: SessionRow) {
  const node = row.current_node_id
    ? await db.selectFrom('nodes').select(['row_count', 'column_count', 'profile_json']).where('id', '=', row.current_node_id).executeTakeFirst()
    : undefined;
  return {
    session_id: row.id,
    status: sessionStatus(row),
    created_at: row.created_at,
    updated_at: row.updated_at,
    name: row.name,
    original_filename: row.original_filename ?? 'pending_upload.csv',
    current_node_id: row.current_node_id,
    deployed_node_id: row.deployed_node_id,
    deployed_at: row.deployed_at,
    row_count: node?.row_count ?? 0,
    column_count: node?.column_count ?? 0,
    profile: node?.profile_json ?? null,
    version: row.version,
    has_undeployed_changes: row.deployed_node_id !== null && row.deployed_node_id !== row.current_node_id,
    module_version: row.module_version,
    metadata: row.metadata ?? {},
  };
}

export interface SessionListQuery {
  actor: string;
  limit: number;
  offset: number;
  status?: 'draft' | 'deployed' | 'archived';
}

/** Newest first; archived sessions only when asked for; `total` is the real count of matches. */
export async function listSessions(db: Kysely<DB>, query: SessionListQuery) {
  let base = db.selectFrom('sessions').where('owner_id', '=', query.actor);
  if (query.status === 'archived') base = base.where('status', '=', 'archived');
  else {
    base = base.where('status', '<>', 'archived');
    if (query.status === 'deployed') base = base.where('deployed_node_id', 'is not', null);
    if (query.status === 'draft') base = base.where('deployed_node_id', 'is', null);
  }
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .leftJoin('nodes', 'nodes.id', 'sessions.current_node_id')
    .select([
      'sessions.id',
      'sessions.name',
      'sessions.status',
      'sessions.created_at',
      'sessions.updated_at',
      'sessions.original_filename',
      'sessions.current_node_id',
      'sessions.deployed_node_id',
      'sessions.deployed_at',
      'nodes.row_count',
      'nodes.column_count',
    ])
    .orderBy('sessions.created_at', 'desc')
    .orderBy('sessions.id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    total: Number(total),
    sessions: rows.map((r) => ({
      session_id: r.id,
      name: r.name,
      status: r.status === 'archived' ? 'archived' : r.deployed_node_id ? 'deployed' : 'draft',
      created_at: r.created_at,
      updated_at: r.updated_at,
      original_filename: r.original_filename ?? 'pending_upload.csv',
      current_node_id: r.current_node_id,
      deployed_node_id: r.deployed_node_id,
      deployed_at: r.deployed_at,
      row_count: r.row_count ?? 0,
      column_count: r.column_count ?? 0,
    })),
  };
}

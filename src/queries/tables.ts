import type { Kysely, Selectable } from 'kysely';
import type { DB, SessionTablesTable } from '../db/schema.js';
import { AppError } from '../errors/index.js';

export type TableRow = Selectable<SessionTablesTable>;

export async function listTables(db: Kysely<DB>, sessionId: string): Promise<TableRow[]> {
  return db.selectFrom('session_tables').selectAll().where('session_id', '=', sessionId).orderBy('position').execute();
}

export async function findTable(db: Kysely<DB>, sessionId: string, tableId: string): Promise<TableRow> {
  const row = await db.selectFrom('session_tables').selectAll().where('session_id', '=', sessionId).where('id', '=', tableId).executeTakeFirst();
  if (!row) {
    throw new AppError('TABLE_NOT_FOUND', `Table not found: ${tableId}`, {
      suggestion: `List the attached tables with GET /api/v1/sessions/${sessionId}/tables.`,
      details: { session_id: sessionId, table_id: tableId },
    });
  }
  return row;
}

/** The table object of API.md §7.2. */
export function tableObject(row: TableRow) {
  const profile = row.profile_json as { columns?: { name: string; dtype: string; semantic_type: string }[] };
  return {
    session_id: row.session_id,
    table_id: row.id,
    name: row.name,
    filename: row.filename,
    row_count: row.row_count,
    column_count: row.column_count,
    columns: (profile.columns ?? []).map((c) => ({ name: c.name, dtype: c.dtype, semantic_type: c.semantic_type })),
    content_hash: row.content_hash,
    ingest: row.ingest,
    created_at: row.created_at,
  };
}

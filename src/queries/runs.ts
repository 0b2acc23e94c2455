import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ModuleRunsTable } from '../db/module-schema.js';
import { runNotFound } from '../commands/module/module-decider.js';

export type RunRow = Selectable<ModuleRunsTable>;

export const RUN_STATUSES = ['pending', 'running', 'success', 'warning_confirmed', 'failed', 'cancelled'] as const;

export async function findRun(db: Kysely<DB>, sessionId: string, runId: string): Promise<RunRow> {
  const row = await db.selectFrom('module_runs').selectAll().where('id', '=', runId).where('session_id', '=', sessionId).executeTakeFirst();
  if (!row) throw runNotFound(sessionId, runId);
  return row;
}

/** The RunResponse of POST /run and /confirm (API.md §11.6). */
export function runResponse(row: RunRow) {
  return {
    run_id: row.id,
    status: row.status,
    confidence_score: row.confidence_score,
    confidence_level: row.confidence_level,
    input_rows: row.input_row_count,
    input_columns: row.input_column_count,
    output_rows: row.output_row_count,
    output_columns: row.output_column_count,
    error_message: row.error_message,
    requires_confirmation: row.status === 'pending',
    column_mappings: row.column_mappings,
    discrepancies: row.discrepancies,
    input_storage_path: row.input_storage_path,
    output_storage_path: row.output_storage_path,
    duration_ms: row.duration_ms,
    message: row.message,
    task_id: row.task_id,
    module_version: row.module_version,
    code: row.code,
    ingest: row.ingest,
  };
}

/** GET /runs/{id}: everything about one run. */
export function runDetail(row: RunRow) {
  return {
    run_id: row.id,
    session_id: row.session_id,
    status: row.status,
    created_at: row.created_at,
    input_filename: row.input_filename,
    input_row_count: row.input_row_count,
    input_column_count: row.input_column_count,
    input_storage_path: row.input_storage_path,
    confidence_score: row.confidence_score,
    confidence_level: row.confidence_level,
    column_mappings: row.column_mappings,
    discrepancies: row.discrepancies,
    output_row_count: row.output_row_count,
    output_column_count: row.output_column_count,
    output_storage_path: row.output_storage_path,
    error_message: row.error_message,
    error_details: row.error_details,
    duration_ms: row.duration_ms,
    timing_breakdown: row.timing_breakdown,
    task_id: row.task_id,
    module_version: row.module_version,
    code: row.code,
    ingest: row.ingest,
    reference_time: row.reference_time,
    confirmed_at: row.confirmed_at,
    finished_at: row.finished_at,
    requires_confirmation: row.status === 'pending',
    message: row.message,
    step_stats: row.step_stats,
  };
}

/** Newest first; `total` is the real count of matching runs. */
export async function listRuns(db: Kysely<DB>, query: { sessionId: string; limit: number; offset: number; status?: string }) {
  let base = db.selectFrom('module_runs').where('session_id', '=', query.sessionId);
  if (query.status) base = base.where('status', '=', query.status);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .select(['id', 'status', 'confidence_score', 'confidence_level', 'input_filename', 'input_row_count', 'output_row_count', 'created_at', 'duration_ms'])
    .orderBy('position', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    total: Number(total),
    runs: rows.map((r) => ({
      run_id: r.id,
      status: r.status,
      confidence_score: r.confidence_score,
      confidence_level: r.confidence_level,
      input_filename: r.input_filename,
      input_row_count: r.input_row_count,
      output_row_count: r.output_row_count,
      created_at: r.created_at,
      duration_ms: r.duration_ms,
    })),
  };
}

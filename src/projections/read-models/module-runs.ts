import { defineProjection, json, streamEntityId } from '../projection.js';

/** `module_runs`: every run of a session's module, refusals included (API.md §11.6). Outcomes are written whole. */
export const moduleRunsProjection = defineProjection({
  name: 'module_runs',
  tables: ['module_runs'],
  handlers: {
    ModuleRunRequested: (e, q) => [
      q
        .insertInto('module_runs')
        .values({
          id: e.data.run_id,
          session_id: streamEntityId(e.streamId),
          owner_id: String(e.metadata.actor),
          module_version: e.data.module_version,
          status: e.data.task_id ? 'running' : 'pending',
          task_id: e.data.task_id,
          force: e.data.force,
          confidence_score: e.data.confidence_score,
          confidence_level: e.data.confidence_level,
          input_filename: e.data.input.filename,
          input_row_count: e.data.input.row_count,
          input_column_count: e.data.input.column_count,
          input_storage_path: e.data.input.original_key,
          input_hash: e.data.input.original_hash,
          column_mappings: json(e.data.column_mappings),
          discrepancies: json(e.data.discrepancies),
          ingest: json(e.data.input.ingest),
          timing_breakdown: json({ ...e.data.timings, transform_ms: 0 }),
          step_stats: json([]),
          duration_ms: Math.round(e.data.timings.schema_match_ms + e.data.timings.upload_ms),
          message: e.data.task_id ? 'Run accepted; it is running.' : null,
          reference_time: e.data.reference_time,
          created_at: e.recordedAt,
          position: e.position,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .compile(),
    ],
    ModuleRunAwaitingConfirmation: (e, q) => [
      q.updateTable('module_runs').set({ status: 'pending', message: e.data.message }).where('id', '=', e.data.run_id).compile(),
    ],
    ModuleRunConfirmed: (e, q) => [
      q
        .updateTable('module_runs')
        .set({ status: 'running', task_id: e.data.task_id, confirmed_at: e.recordedAt, message: 'Run confirmed; it is running.' })
        .where('id', '=', e.data.run_id)
        .compile(),
    ],
    ModuleRunCompleted: (e, q) => [
      q
        .updateTable('module_runs')
        .set({
          status: e.data.status,
          output_row_count: e.data.row_count,
          output_column_count: e.data.column_count,
          output_storage_path: e.data.output_key,
          output_hash: e.data.output_hash,
          discrepancies: json(e.data.discrepancies),
          step_stats: json(e.data.step_stats),
          timing_breakdown: json(e.data.timings),
          duration_ms: Math.round(e.data.duration_ms),
          message: e.data.message,
          error_message: null,
          code: null,
          finished_at: e.recordedAt,
        })
        .where('id', '=', e.data.run_id)
        .compile(),
    ],
    ModuleRunFailed: (e, q) => [
      q
        .updateTable('module_runs')
        .set({
          status: 'failed',
          code: e.data.code,
          error_message: e.data.error,
          error_details: json(e.data.error_details),
          step_stats: json(e.data.step_stats),
          timing_breakdown: json(e.data.timings),
          duration_ms: Math.round(e.data.duration_ms),
          message: e.data.error,
          finished_at: e.recordedAt,
        })
        .where('id', '=', e.data.run_id)
        .compile(),
    ],
    ModuleRunCancelled: (e, q) => [
      q
        .updateTable('module_runs')
        .set({ status: 'cancelled', message: 'Run cancelled.', error_message: e.data.reason, finished_at: e.recordedAt })
        .where('id', '=', e.data.run_id)
        .compile(),
    ],
  },
});

import type { EventType } from '../../events/catalogue/index.js';
import type { StoredEvent } from '../../events/event-store.js';
import { json, streamEntityId, type Handler, type QueryBuilder } from '../projection.js';

/** The task row of a module run, created when the run is accepted (at once, or on confirmation). */
function queued(e: StoredEvent, q: QueryBuilder, taskId: string, runId: string) {
  return [
    q
      .insertInto('tasks')
      .values({
        id: taskId,
        session_id: streamEntityId(e.streamId),
        owner_id: String(e.metadata.actor),
        kind: 'module_run',
        status: 'PENDING',
        progress: 0,
        message: 'Waiting in queue...',
        run_id: runId,
        created_at: e.recordedAt,
        version: e.position,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .compile(),
  ];
}

/** The `tasks` projection's handlers for module runs (API.md §12: kind `module_run`, result `{run_id, status, …}`). */
export const moduleRunTaskHandlers: { [T in EventType]?: Handler<T> } = {
  ModuleRunRequested: (e, q) => (e.data.task_id ? queued(e, q, e.data.task_id, e.data.run_id) : []),
  ModuleRunConfirmed: (e, q) => queued(e, q, e.data.task_id, e.data.run_id),
  ModuleRunCompleted: (e, q) => [
    q
      .updateTable('tasks')
      .set({
        status: 'SUCCESS',
        progress: 100,
        message: 'Complete',
        finished_at: e.recordedAt,
        result: json({ run_id: e.data.run_id, status: e.data.status, output_rows: e.data.row_count, output_columns: e.data.column_count }),
      })
      .where('id', '=', e.data.task_id)
      .compile(),
  ],
  ModuleRunFailed: (e, q) =>
    e.data.task_id
      ? [q.updateTable('tasks').set({ status: 'FAILURE', message: 'Failed', error: e.data.error, code: e.data.code, finished_at: e.recordedAt }).where('id', '=', e.data.task_id).compile()]
      : [],
  ModuleRunCancelled: (e, q) => [
    q.updateTable('tasks').set({ status: 'CANCELLED', message: 'Cancelled', error: e.data.reason, finished_at: e.recordedAt }).where('id', '=', e.data.task_id).compile(),
  ],
};

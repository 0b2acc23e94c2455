import { sql, type UpdateObject } from 'kysely';
import type { ReadModels } from '../../db/schema.js';
import type { EventData } from '../../events/catalogue/index.js';
import type { StoredEvent } from '../../events/event-store.js';
import { defineProjection, json, streamEntityId, type QueryBuilder } from '../projection.js';
import { moduleRunTaskHandlers } from './module-run-tasks.js';

type TaskUpdate = UpdateObject<ReadModels, 'tasks'>;

const TERMINAL = ['SUCCESS', 'FAILURE', 'CANCELLED'];

/** Progress only moves a task that has not finished, so a replayed or late progress event changes nothing. */
const progress = (taskId: string, q: QueryBuilder, values: TaskUpdate, e: StoredEvent) => [
  q
    .updateTable('tasks')
    .set({ ...values, version: sql<number>`greatest(version, ${e.position})` })
    .where('id', '=', taskId)
    .where('status', 'not in', TERMINAL)
    .compile(),
];

/** Outcomes are absolute: writing one twice leaves the same row. */
const finish = (taskId: string, q: QueryBuilder, values: TaskUpdate) => [q.updateTable('tasks').set(values).where('id', '=', taskId).compile()];

/** A successful apply task's `result` (API.md §12), from its TransformationApplied (also sent on the WebSocket). */
export function applyResult(data: EventData<'TransformationApplied'>) {
  return {
    node_id: data.nodes[data.nodes.length - 1].node_id,
    node_ids: data.nodes.map((n) => n.node_id),
    transformations_applied: data.nodes.reduce((n, x) => n + x.steps.length, 0),
    rows_before: data.rows_before,
    rows_after: data.rows_after,
    rows_affected: Math.abs(data.rows_before - data.rows_after),
  };
}

/** `tasks`: background work (applies, module runs) as GET /tasks shows it; the outcome comes from the session stream. */
export const tasksProjection = defineProjection({
  name: 'tasks',
  tables: ['tasks'],
  handlers: {
    PlanApplyRequested: (e, q) => [
      q
        .insertInto('tasks')
        .values({
          id: e.data.task_id,
          session_id: streamEntityId(e.streamId),
          owner_id: String(e.metadata.actor),
          kind: 'plan_apply',
          status: 'PENDING',
          progress: 0,
          message: 'Waiting in queue...',
          run_id: null,
          created_at: e.recordedAt,
          version: e.position,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .compile(),
    ],
    TaskStarted: (e, q) =>
      progress(streamEntityId(e.streamId), q, { status: 'STARTED', progress: 0, message: 'Starting...', started_at: sql`coalesce(started_at, ${e.recordedAt.toISOString()}::timestamptz)` }, e),
    TaskProgressed: (e, q) =>
      progress(streamEntityId(e.streamId), q, { status: 'PROGRESS', progress: e.data.progress, message: e.data.message, started_at: sql`coalesce(started_at, ${e.recordedAt.toISOString()}::timestamptz)` }, e),
    TransformationApplied: (e, q) =>
      finish(e.data.task_id, q, {
        status: 'SUCCESS',
        progress: 100,
        message: 'Complete',
        finished_at: e.recordedAt,
        result: json(applyResult(e.data)),
      }),
    TransformationFailed: (e, q) => finish(e.data.task_id, q, { status: 'FAILURE', message: 'Failed', error: e.data.error, code: e.data.code, finished_at: e.recordedAt }),
    TransformationCancelled: (e, q) => finish(e.data.task_id, q, { status: 'CANCELLED', message: 'Cancelled', error: e.data.reason, finished_at: e.recordedAt }),
    TaskCancelled: (e, q) => finish(streamEntityId(e.streamId), q, { status: 'CANCELLED', message: 'Cancelled', finished_at: e.recordedAt }),
    ...moduleRunTaskHandlers,
  },
});

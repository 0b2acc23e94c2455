import { sql } from 'kysely';
import type { StoredEvent } from '../../events/event-store.js';
import { defineProjection, json, streamEntityId, type QueryBuilder } from '../projection.js';

import type { UpdateObject } from 'kysely';
import type { ReadModels } from '../../db/schema.js';

type TaskUpdate = UpdateObject<ReadModels, 'tasks'>;

/** Writes a task's new state only when the event is newer than the row, so a replayed event changes nothing. */
const update = (e: StoredEvent, q: QueryBuilder, values: TaskUpdate) => [
  q
    .updateTable('tasks')
    .set({ ...values, version: e.streamVersion })
    .where('id', '=', streamEntityId(e.streamId))
    .where('version', '<', e.streamVersion)
    .compile(),
];

/** `tasks`: status and progress of background work (applies, module runs), as GET /tasks shows them. */
export const tasksProjection = defineProjection({
  name: 'tasks',
  tables: ['tasks'],
  handlers: {
    TaskQueued: (e, q) => [
      q
        .insertInto('tasks')
        .values({
          id: e.data.task_id,
          session_id: e.data.session_id,
          owner_id: e.data.owner_id,
          kind: e.data.kind,
          status: 'PENDING',
          progress: 0,
          message: e.data.message,
          run_id: e.data.run_id,
          created_at: e.recordedAt,
          version: e.streamVersion,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .compile(),
    ],
    TaskStarted: (e, q) =>
      update(e, q, { status: 'STARTED', progress: 0, message: 'Starting...', started_at: sql`coalesce(started_at, ${e.recordedAt.toISOString()}::timestamptz)` }),
    TaskProgressed: (e, q) => update(e, q, { status: 'PROGRESS', progress: e.data.progress, message: e.data.message }),
    TaskSucceeded: (e, q) =>
      update(e, q, { status: 'SUCCESS', progress: 100, message: 'Complete', result: json(e.data.result), finished_at: e.recordedAt }),
    TaskFailed: (e, q) =>
      update(e, q, { status: 'FAILURE', message: 'Failed', error: e.data.error, code: e.data.code, finished_at: e.recordedAt }),
    TaskCancelled: (e, q) => update(e, q, { status: 'CANCELLED', message: 'Cancelled', finished_at: e.recordedAt }),
  },
});

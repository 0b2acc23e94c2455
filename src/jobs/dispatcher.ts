import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { createEventStore } from '../events/index.js';
import { readCheckpoint, writeCheckpoint } from '../projections/checkpoint-store.js';
import { consumerLockKey } from '../projections/run-batch.js';
import { moduleRunJobOf, requeueModuleRuns } from './module-run-jobs.js';
import type { JobQueue } from './queue.js';

const NAME = 'dispatcher';

/**
 * Jobs come from the log (DESIGN.md §4): a checkpointed consumer enqueues one job per PlanApplyRequested, with the
 * task id as the job id (the queue deduplicates). The checkpoint moves only after the enqueue, so a crash in between
 * enqueues again — harmless for the same id.
 */
export async function dispatchBatch(db: Kysely<DB>, queue: JobQueue, batchSize = 200): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(hashtext(${consumerLockKey(NAME)})) AS locked`.execute(trx);
    if (!rows[0]?.locked) return 0;
    const events = await createEventStore(trx).readAll(await readCheckpoint(trx, NAME), batchSize);
    if (events.length === 0) return 0;
    for (const e of events) {
      if (e.type === 'PlanApplyRequested') {
        await queue.enqueue({ id: e.data.task_id, name: 'plan_apply', data: { session_id: e.streamId.slice('session-'.length), task_id: e.data.task_id } });
      }
      const moduleRun = moduleRunJobOf(e);
      if (moduleRun) await queue.enqueue(moduleRun);
    }
    const last = events[events.length - 1];
    await writeCheckpoint(trx, NAME, { transactionId: last.transactionId, position: last.position });
    return events.length;
  });
}

/**
 * Re-enqueues applies that were requested but never finished: the in-process queue forgets its jobs on restart,
 * and the queue's id dedupe makes this harmless for a queue that remembers them.
 */
export async function requeueUnfinished(db: Kysely<DB>, queue: JobQueue): Promise<number> {
  const pending = await db.selectFrom('tasks').select(['id', 'session_id']).where('kind', '=', 'plan_apply').where('status', 'in', ['PENDING', 'STARTED', 'PROGRESS']).execute();
  for (const task of pending) await queue.enqueue({ id: task.id, name: 'plan_apply', data: { session_id: task.session_id, task_id: task.id } });
  return pending.length + (await requeueModuleRuns(db, queue));
}

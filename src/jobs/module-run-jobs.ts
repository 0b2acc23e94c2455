import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { StoredEvent } from '../events/event-store.js';
import type { JobQueue } from './queue.js';

/** The job of an accepted module run (at once, or on confirmation), keyed by its task id like an apply's. */
export function moduleRunJobOf(event: StoredEvent): { id: string; name: 'module_run'; data: { session_id: string; run_id: string; task_id: string } } | null {
  const accepted = (event.type === 'ModuleRunRequested' && event.data.task_id) || event.type === 'ModuleRunConfirmed';
  if (!accepted) return null;
  const taskId: string = event.data.task_id;
  return { id: taskId, name: 'module_run', data: { session_id: event.streamId.slice('session-'.length), run_id: event.data.run_id, task_id: taskId } };
}

/** Re-enqueues accepted runs that never finished (the in-process queue forgets its jobs on restart). */
export async function requeueModuleRuns(db: Kysely<DB>, queue: JobQueue): Promise<number> {
  const pending = await db.selectFrom('tasks').select(['id', 'session_id', 'run_id']).where('kind', '=', 'module_run').where('status', 'in', ['PENDING', 'STARTED', 'PROGRESS']).execute();
  for (const task of pending) await queue.enqueue({ id: task.id, name: 'module_run', data: { session_id: task.session_id, run_id: task.run_id, task_id: task.id } });
  return pending.length;
}

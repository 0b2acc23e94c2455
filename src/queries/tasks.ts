import type { Kysely, Selectable } from 'kysely';
import type { DB, TasksTable } from '../db/schema.js';
import { AppError } from '../errors/index.js';
import type { Checkpoint } from '../events/event-store.js';
import { readCheckpoint } from '../projections/checkpoint-store.js';
import { tasksProjection } from '../projections/read-models/tasks.js';

export type TaskRow = Selectable<TasksTable>;

export const TERMINAL_STATUSES = ['SUCCESS', 'FAILURE', 'CANCELLED'];

export async function findTask(db: Kysely<DB>, taskId: string, actor: string): Promise<TaskRow> {
  const row = await db.selectFrom('tasks').selectAll().where('id', '=', taskId).where('owner_id', '=', actor).executeTakeFirst();
  if (!row) throw new AppError('TASK_NOT_FOUND', `Task not found: ${taskId}`, { details: { task_id: taskId } });
  return row;
}

/** The task object of API.md §12. */
export function taskObject(row: TaskRow) {
  return {
    task_id: row.id,
    status: row.status,
    progress: row.progress,
    message: row.message,
    result: row.result,
    error: row.error,
    code: row.code,
    kind: row.kind,
    session_id: row.session_id,
    run_id: row.run_id,
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
  };
}

/**
 * A finished task is shown only once every read model has reached its outcome: a client that sees SUCCESS and then
 * reads the session's nodes finds the new one (projections catch up independently of each other).
 */
export async function settledTask(db: Kysely<DB>, row: TaskRow, settle: (checkpoint: Checkpoint) => Promise<boolean>): Promise<TaskRow> {
  if (TERMINAL_STATUSES.includes(row.status)) await settle(await readCheckpoint(db, tasksProjection.name));
  return row;
}

/**
 * Waits (polling the read table) until the task has finished or `seconds` pass; returns its latest row. Once it
 * has finished, waits for every other read model to reach the same point, so the caller reads the new version.
 */
export async function waitForTask(
  db: Kysely<DB>,
  taskId: string,
  seconds: number,
  options: { wake?: () => void; settle: (checkpoint: Checkpoint) => Promise<boolean> },
): Promise<TaskRow | undefined> {
  const deadline = Date.now() + seconds * 1000;
  const wake = options.wake;
  let delay = 5;
  for (;;) {
    const row = await db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
    if (row && TERMINAL_STATUSES.includes(row.status)) {
      await options.settle(await readCheckpoint(db, tasksProjection.name));
      return row;
    }
    if (Date.now() >= deadline) return row;
    wake?.();
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, Math.max(1, deadline - Date.now()))));
    delay = Math.min(delay * 2, 100);
  }
}

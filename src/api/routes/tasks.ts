import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { executeModuleCommand } from '../../commands/module/execute.js';
import { executeSessionCommand } from '../../commands/session/execute.js';
import { findSession } from '../../queries/sessions.js';
import { findTask, settledTask, taskObject, TERMINAL_STATUSES, waitForTask } from '../../queries/tasks.js';
import type { Service } from '../../service/service.js';
import { actorOf, commandContext } from '../request-context.js';
import { intQuery, sessionParams, uuidParam } from '../schemas.js';

const taskParams = z.object({ task_id: uuidParam });

export function taskRoutes(service: Service): FastifyPluginAsyncZod {
  const db = service.database.db;
  return async (app) => {
    const find = async (taskId: string, actor: string) => settledTask(db, await findTask(db, taskId, actor), service.settle);

    app.get('/tasks/:task_id', { schema: { tags: ['tasks'], summary: 'A background task', params: taskParams } }, async (request) =>
      taskObject(await find(request.params.task_id, actorOf(request))),
    );

    app.get('/tasks/:task_id/result', { schema: { tags: ['tasks'], summary: "A task's result", params: taskParams } }, async (request) => {
      const task = await find(request.params.task_id, actorOf(request));
      if (task.status === 'SUCCESS') return { task_id: task.id, status: task.status, result: task.result };
      if (task.status === 'FAILURE') return { task_id: task.id, status: task.status, error: task.error, code: task.code };
      return { task_id: task.id, status: task.status, message: 'Task not yet complete' };
    });

    // Queued: cancelled at once. Running: the outcome is recorded now and the job stops at its next step boundary
    // without storing anything (a module run becomes `cancelled`). Finished: nothing changes.
    app.delete('/tasks/:task_id', { schema: { tags: ['tasks'], summary: 'Cancel a queued or running task', params: taskParams } }, async (request) => {
      const actor = actorOf(request);
      const taskId = request.params.task_id;
      const finished = (status: string) => ({ task_id: taskId, message: `Task already finished (${status}), cannot cancel`, cancelled: false });
      const task = await find(taskId, actor);
      if (TERMINAL_STATUSES.includes(task.status)) return finished(task.status);
      const running = task.status !== 'PENDING';
      const context = commandContext(service, request);
      const result =
        task.kind === 'module_run'
          ? await executeModuleCommand(service, { type: 'CancelRun', actor, sessionId: task.session_id!, taskId }, context)
          : await executeSessionCommand(service, { type: 'CancelApply', actor, sessionId: task.session_id!, taskId, messageId: randomUUID(), wasRunning: running }, context);
      // It finished in the meantime: the read table reaches that outcome shortly.
      if (result.events.length === 0) return finished((await waitForTask(db, taskId, 5, { settle: service.settle }))?.status ?? task.status);
      return { task_id: taskId, message: running ? 'Task cancelled: it stops at the next step and stores nothing' : 'Task cancelled', cancelled: true };
    });

    app.get(
      '/sessions/:id/tasks',
      { schema: { tags: ['tasks'], summary: "The session's tasks, newest first", params: sessionParams, querystring: z.object({ status: z.enum(['PENDING', 'STARTED', 'PROGRESS', 'SUCCESS', 'FAILURE', 'CANCELLED']).optional(), limit: intQuery(1, 100).default(20), offset: intQuery(0, 1_000_000).default(0) }) } },
      async (request) => {
        const session = await findSession(db, request.params.id, actorOf(request));
        let base = db.selectFrom('tasks').where('session_id', '=', session.id);
        if (request.query.status) base = base.where('status', '=', request.query.status);
        const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
        const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(request.query.limit).offset(request.query.offset).execute();
        return { tasks: rows.map(taskObject), total: Number(total) };
      },
    );
  };
}

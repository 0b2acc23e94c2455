import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { jsonObject, uuid } from './shared.js';

/** Events of the `task-<id>` stream. */
export const TaskQueued = defineEvent(
  'TaskQueued',
  z.object({
    task_id: uuid,
    session_id: uuid.nullable(),
    owner_id: uuid,
    kind: z.enum(['plan_apply', 'module_run', 'test']),
    run_id: uuid.nullable(),
    message: z.string(),
  }),
);

export const TaskStarted = defineEvent('TaskStarted', z.object({ attempt: z.number().int().positive() }));

export const TaskProgressed = defineEvent(
  'TaskProgressed',
  z.object({ progress: z.number().int().min(0).max(100), message: z.string() }),
);

export const TaskSucceeded = defineEvent('TaskSucceeded', z.object({ result: jsonObject }));

export const TaskFailed = defineEvent('TaskFailed', z.object({ error: z.string(), code: z.string() }));

export const TaskCancelled = defineEvent('TaskCancelled', z.object({ reason: z.string() }));

import type { StoredEvent } from '../../events/event-store.js';
import { streamEntityId } from '../../projections/projection.js';
import { applyResult } from '../../projections/read-models/tasks.js';

/** A server message of the WebSocket (API.md §17); every one carries the log position and time of its event. */
export type LiveMessage = { type: string; position: number; timestamp: string } & Record<string, unknown>;

/** Messages for one session, from one committed event. */
export interface Delivery {
  sessionId: string;
  messages: LiveMessage[];
}

/** Events that start a task in a session stream: later task-stream events are routed by this link. */
export function taskLink(event: StoredEvent): { taskId: string; sessionId: string } | null {
  if (!event.streamId.startsWith('session-')) return null;
  const taskId = (event.data as { task_id?: unknown }).task_id;
  if (typeof taskId !== 'string') return null;
  if (!['PlanApplyRequested', 'ModuleRunRequested', 'ModuleRunConfirmed'].includes(event.type)) return null;
  return { taskId, sessionId: streamEntityId(event.streamId) };
}

/**
 * The messages one event produces: new nodes, task progress, task outcomes. `sessionOfTask` is only asked for
 * task-stream events; null when the task's session is unknown (then nothing is sent).
 */
export function liveMessages(event: StoredEvent, sessionOfTask: (taskId: string) => string | null): Delivery | null {
  const stamp = { position: event.position, timestamp: event.recordedAt.toISOString() };
  const d = event.data;
  if (event.streamId.startsWith('task-')) {
    if (event.type !== 'TaskProgressed') return null;
    const taskId = streamEntityId(event.streamId);
    const sessionId = sessionOfTask(taskId);
    if (!sessionId) return null;
    return { sessionId, messages: [{ type: 'task_progress', task_id: taskId, status: 'PROGRESS', progress: d.progress, message: d.message, ...stamp }] };
  }
  if (!event.streamId.startsWith('session-')) return null;
  const sessionId = streamEntityId(event.streamId);
  const one = (message: Record<string, unknown>): Delivery => ({ sessionId, messages: [{ ...message, ...stamp } as LiveMessage] });
  switch (event.type) {
    case 'FileUploaded':
      return one({ type: 'node_created', node_id: d.node_id, parent_id: null, transformation: null, row_count: d.row_count, column_count: d.column_count });
    case 'TransformationApplied':
      return {
        sessionId,
        messages: [
          ...(d.nodes as { node_id: string; parent_id: string; transformation: string; row_count: number; column_count: number }[]).map((n) => ({
            type: 'node_created',
            node_id: n.node_id,
            parent_id: n.parent_id,
            transformation: n.transformation,
            row_count: n.row_count,
            column_count: n.column_count,
            ...stamp,
          })),
          { type: 'task_complete', task_id: d.task_id, status: 'SUCCESS', result: applyResult(d), ...stamp },
        ],
      };
    case 'TransformationFailed':
      return one({ type: 'task_failed', task_id: d.task_id, status: 'FAILURE', error: d.error, code: d.code });
    case 'TransformationCancelled':
      return one({ type: 'task_failed', task_id: d.task_id, status: 'CANCELLED', error: d.reason, code: null });
    case 'ModuleRunCompleted':
      return one({ type: 'task_complete', task_id: d.task_id, status: 'SUCCESS', result: { run_id: d.run_id, status: d.status, output_rows: d.row_count, output_columns: d.column_count } });
    case 'ModuleRunFailed':
      return d.task_id ? one({ type: 'task_failed', task_id: d.task_id, status: 'FAILURE', error: d.error, code: d.code }) : null;
    case 'ModuleRunCancelled':
      return one({ type: 'task_failed', task_id: d.task_id, status: 'CANCELLED', error: d.reason, code: null });
    default:
      return null;
  }
}

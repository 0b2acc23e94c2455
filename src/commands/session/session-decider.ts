import type { DomainEvent } from '../../events/catalogue/index.js';
import { recordedReadOptions, type RecordedReadOptions } from '../../events/catalogue/shared.js';
import { AppError } from '../../errors/index.js';
import type { Decider } from '../decider.js';
import { currentSchema, prepareSteps, stepNotFound, type RequestedStep } from './plan-steps.js';
import { requireActive, requireSession } from './session-guards.js';
import { evolveSession, initialSessionState, type SessionState } from './session-state.js';

export interface UploadedFile {
  nodeId: string;
  messageId: string;
  filename: string;
  sizeBytes: number;
  originalHash: string;
  originalKey: string;
  contentHash: string;
  storageKey: string;
  rowCount: number;
  columns: { name: string; type: string }[];
  profile: Record<string, unknown>;
  ingest: Record<string, unknown>;
  engineVersion: string;
  /** The reading options the upload asked for (defaults where none were given). */
  readOptions?: Partial<RecordedReadOptions>;
}

/** A chat message or reply as a command carries it; it is recorded against the current version. */
export interface ChatEntry {
  messageId: string;
  content: string;
  metadata: Record<string, unknown>;
}

/** Ids and "now" are chosen when the command is accepted, so `decide` stays pure and replayable. */
export type SessionCommand =
  | { type: 'CreateSession'; actor: string; sessionId: string; planId: string; name: string | null; metadata: Record<string, unknown> }
  | { type: 'UpdateSession'; actor: string; sessionId: string; name?: string; metadata?: Record<string, unknown> }
  | { type: 'ArchiveSession'; actor: string; sessionId: string }
  | { type: 'UploadFile'; actor: string; sessionId: string; file: UploadedFile }
  | { type: 'AddPlanSteps'; actor: string; sessionId: string; stepIds: string[]; steps: RequestedStep[]; position?: number; source: 'chat' | 'api' | 'suggestion' }
  | { type: 'RemovePlanStep'; actor: string; sessionId: string; stepNumber: number }
  | { type: 'ClearPlan'; actor: string; sessionId: string }
  | { type: 'RequestApply'; actor: string; sessionId: string; request: Extract<DomainEvent, { type: 'PlanApplyRequested' }>['data']; chatMessage?: ChatEntry }
  | { type: 'RecordApplyOutcome'; actor: string; sessionId: string; messageId: string; outcome: Extract<DomainEvent, { type: 'TransformationApplied' | 'TransformationFailed' }> }
  | { type: 'CancelApply'; actor: string; sessionId: string; taskId: string; messageId: string; wasRunning: boolean }
  | { type: 'RecordChat'; actor: string; sessionId: string; message?: ChatEntry; addSteps?: { stepIds: string[]; steps: RequestedStep[]; source: 'chat' | 'suggestion' }; clearPlan?: boolean; reply?: ChatEntry }
  | { type: 'MoveCurrentNode'; actor: string; sessionId: string; reason: 'rollback' | 'undo' | 'redo'; targetNodeId?: string; messageId: string }
  | { type: 'RenameNode'; actor: string; sessionId: string; nodeId: string; name: string }
  | { type: 'DiscardNode'; actor: string; sessionId: string; nodeId: string }
  | { type: 'AttachTable'; actor: string; sessionId: string; tableId: string; name: string; file: Omit<UploadedFile, 'nodeId' | 'messageId' | 'engineVersion'> };

function requireNode(state: SessionState, sessionId: string, nodeId: string) {
  const node = state.nodes[nodeId];
  if (!node) throw new AppError('NODE_NOT_FOUND', `Node not found: ${nodeId}`, { details: { session_id: sessionId, node_id: nodeId } });
  return node;
}

function moveTarget(state: SessionState, reason: 'rollback' | 'undo' | 'redo', from: string, target: string | undefined, sessionId: string): string {
  if (reason === 'rollback') {
    if (!target || !state.nodes[target]) {
      throw new AppError('NODE_NOT_FOUND', `Node not found: ${target}`, { details: { session_id: sessionId, node_id: target } });
    }
    return target;
  }
  if (reason === 'undo') {
    const parent = state.nodes[from].parentId;
    if (!parent) throw new AppError('INVALID_STATE', 'Cannot undo: this is the original data (root node)');
    return parent;
  }
  const remembered = state.redoTo[from];
  const children = state.nodeOrder.filter((id) => state.nodes[id].parentId === from && !state.nodes[id].discarded);
  const next = remembered && children.includes(remembered) ? remembered : children.at(-1);
  if (!next) throw new AppError('INVALID_STATE', 'Nothing to redo');
  return next;
}

/** The chat note stored with an apply's outcome, in the original wording. */
function completionMessage(outcome: Extract<DomainEvent, { type: 'TransformationApplied' | 'TransformationFailed' }>) {
  if (outcome.type === 'TransformationFailed') {
    return { content: `The transformation failed: ${outcome.data.error}`, node_id: null, metadata: { kind: 'apply_failed', task_id: outcome.data.task_id } };
  }
  const d = outcome.data;
  const steps = d.nodes.reduce((n, x) => n + x.steps.length, 0);
  const removed = d.rows_before - d.rows_after;
  const rows = removed > 0 ? ` Removed ${removed} rows.` : removed < 0 ? ` Added ${-removed} rows.` : '';
  return { content: `Done! Applied ${steps} transformation(s).${rows}`, node_id: d.nodes[d.nodes.length - 1].node_id, metadata: { kind: 'apply_done', task_id: d.task_id } };
}

/** The event fields every read file carries (uploads and attached tables). */
function storedFileData(f: Omit<UploadedFile, 'nodeId' | 'messageId' | 'engineVersion'>) {
  return {
    filename: f.filename,
    size_bytes: f.sizeBytes,
    original_hash: f.originalHash,
    original_key: f.originalKey,
    content_hash: f.contentHash,
    storage_key: f.storageKey,
    row_count: f.rowCount,
    column_count: f.columns.length,
    columns: f.columns,
    profile: f.profile,
    ingest: f.ingest,
  };
}

/** PlanStepsAdded for validated steps inserted at `position` (1..n+1) of the open plan; all or nothing. */
function planStepsAdded(state: SessionState, stepIds: string[], steps: RequestedStep[], position: number, source: 'chat' | 'api' | 'suggestion'): DomainEvent {
  if (state.applyingTaskId) throw applyRunning(state.applyingTaskId);
  if (position < 1 || position > state.plan.length + 1) {
    throw new AppError('INVALID_PLAN', `position must be between 1 and ${state.plan.length + 1}`, { details: { errors: [] } });
  }
  const prepared = prepareSteps(state, steps, position);
  const added = prepared.map((step, i) => ({ step_id: stepIds[i], source, ...step }));
  const order = state.plan.map((s) => s.stepId);
  order.splice(position - 1, 0, ...added.map((s) => s.step_id));
  return { type: 'PlanStepsAdded', data: { plan_id: state.planId!, steps: added, step_order: order } };
}

const chatData = (state: SessionState, entry: ChatEntry) => ({ message_id: entry.messageId, content: entry.content, node_id: state.currentNodeId, metadata: entry.metadata });

export function applyRunning(taskId: string): AppError {
  return new AppError('VERSION_CONFLICT', 'An apply is already running on this session; wait for it to finish.', {
    suggestion: `Follow it with GET /api/v1/tasks/${taskId}.`,
    details: { task_id: taskId },
  });
}

export function welcomeMessage(filename: string, rows: number, columns: number): string {
  return `📊 **${filename}** loaded! ${rows} rows × ${columns} columns. Tell me what you'd like to clean, for example "remove rows where email is blank" or "title-case the names".`;
}

function decide(command: SessionCommand, state: SessionState): DomainEvent[] {
  if (command.type === 'CreateSession') {
    if (state.exists) throw new AppError('VERSION_CONFLICT', `Session already exists: ${command.sessionId}`);
    return [
      {
        type: 'SessionCreated',
        data: { session_id: command.sessionId, owner_id: command.actor, plan_id: command.planId, name: command.name, metadata: command.metadata },
      },
    ];
  }
  if (command.type === 'RecordApplyOutcome') {
    // Recorded by the worker, not a user: only the task's own request can have an outcome, and only one.
    if (!state.exists) throw new AppError('SESSION_NOT_FOUND', `Session not found: ${command.sessionId}`);
    if (state.finishedTasks[command.outcome.data.task_id]) return [];
    return [command.outcome, { type: 'AssistantReplied', data: { message_id: command.messageId, ...completionMessage(command.outcome) } }];
  }
  requireSession(state, command.sessionId, command.actor);
  switch (command.type) {
    case 'UpdateSession': {
      requireActive(state, command.sessionId);
      const events: DomainEvent[] = [];
      if (command.name !== undefined) events.push({ type: 'SessionRenamed', data: { name: command.name } });
      if (command.metadata !== undefined) events.push({ type: 'SessionMetadataUpdated', data: { metadata: command.metadata } });
      if (events.length === 0) throw new AppError('VALIDATION_ERROR', 'Send at least one of name or metadata.');
      return events;
    }
    case 'ArchiveSession':
      if (state.archived) {
        throw new AppError('SESSION_ARCHIVED', `Session ${command.sessionId} is already archived.`, { details: { session_id: command.sessionId } });
      }
      return [{ type: 'SessionArchived', data: {} }];
    case 'AddPlanSteps':
      requireActive(state, command.sessionId);
      return [planStepsAdded(state, command.stepIds, command.steps, command.position ?? state.plan.length + 1, command.source)];
    case 'RecordChat': {
      // Questions and answers are allowed while an apply runs; plan changes are not (planStepsAdded checks).
      requireActive(state, command.sessionId);
      currentSchema(state);
      const events: DomainEvent[] = [];
      if (command.message) events.push({ type: 'ChatMessagePosted', data: chatData(state, command.message) });
      if (command.clearPlan) {
        if (state.applyingTaskId) throw applyRunning(state.applyingTaskId);
        events.push({ type: 'PlanCleared', data: { plan_id: state.planId! } });
      }
      if (command.addSteps) events.push(planStepsAdded(state, command.addSteps.stepIds, command.addSteps.steps, state.plan.length + 1, command.addSteps.source));
      if (command.reply) events.push({ type: 'AssistantReplied', data: chatData(state, command.reply) });
      return events;
    }
    case 'RemovePlanStep': {
      requireActive(state, command.sessionId);
      if (state.applyingTaskId) throw applyRunning(state.applyingTaskId);
      const step = state.plan[command.stepNumber - 1];
      if (!step) throw stepNotFound(command.stepNumber, state.plan.length);
      const order = state.plan.filter((s) => s !== step).map((s) => s.stepId);
      return [{ type: 'PlanStepRemoved', data: { plan_id: state.planId!, step_id: step.stepId, step_order: order } }];
    }
    case 'ClearPlan':
      requireActive(state, command.sessionId);
      if (state.applyingTaskId) throw applyRunning(state.applyingTaskId);
      return [{ type: 'PlanCleared', data: { plan_id: state.planId! } }];
    case 'RequestApply': {
      requireActive(state, command.sessionId);
      if (state.applyingTaskId) throw applyRunning(state.applyingTaskId);
      // Prepared on an older state (another apply finished, the pointer moved or the plan changed meanwhile): never a child of a stale version.
      const asked = [...command.request.steps.map((s) => s.step_id), ...command.request.remaining_order].sort().join();
      if (command.request.base_node_id !== state.currentNodeId || command.request.plan_id !== state.planId || asked !== state.plan.map((s) => s.stepId).sort().join()) throw new AppError('VERSION_CONFLICT', 'The session changed while this apply was being prepared; reload it and try again.');
      const message: DomainEvent[] = command.chatMessage ? [{ type: 'ChatMessagePosted', data: chatData(state, command.chatMessage) }] : [];
      return [...message, { type: 'PlanApplyRequested', data: command.request }];
    }
    case 'MoveCurrentNode': {
      requireActive(state, command.sessionId);
      if (state.applyingTaskId) throw applyRunning(state.applyingTaskId);
      const from = state.currentNodeId;
      if (!from) throw new AppError('NO_DATA', 'No data uploaded. Please upload a CSV file first.', { details: { session_id: command.sessionId } });
      const to = moveTarget(state, command.reason, from, command.targetNodeId, command.sessionId);
      if (to === from) return [];
      const note =
        command.reason === 'redo' ? `Redid the change (node ${to.slice(0, 8)}...)` : `Rolled back to previous version (node ${to.slice(0, 8)}...)`;
      return [
        { type: 'CurrentNodeChanged', data: { from_node_id: from, to_node_id: to, reason: command.reason } },
        { type: 'AssistantReplied', data: { message_id: command.messageId, content: note, node_id: to, metadata: { kind: command.reason } } },
      ];
    }
    case 'CancelApply': {
      // Allowed on an archived session too: it changes no data. A finished task keeps its outcome.
      if (!state.requestedTasks[command.taskId]) throw new AppError('TASK_NOT_FOUND', `Task not found: ${command.taskId}`, { details: { task_id: command.taskId } });
      if (state.finishedTasks[command.taskId]) return [];
      return [
        { type: 'TransformationCancelled', data: { task_id: command.taskId, reason: 'Cancelled by the user', was_running: command.wasRunning } },
        { type: 'AssistantReplied', data: { message_id: command.messageId, content: 'Cancelled the apply. Nothing was changed.', node_id: null, metadata: { kind: 'apply_cancelled', task_id: command.taskId } } },
      ];
    }
    case 'RenameNode': {
      requireActive(state, command.sessionId);
      requireNode(state, command.sessionId, command.nodeId);
      return [{ type: 'NodeRenamed', data: { node_id: command.nodeId, name: command.name } }];
    }
    case 'DiscardNode': {
      requireActive(state, command.sessionId);
      if (state.applyingTaskId) throw applyRunning(state.applyingTaskId);
      const node = requireNode(state, command.sessionId, command.nodeId);
      if (command.nodeId !== state.currentNodeId) throw new AppError('INVALID_STATE', 'Only the current (latest) node can be deleted');
      if (!node.parentId) throw new AppError('INVALID_STATE', 'Cannot delete the original data (root node)');
      if (Object.values(state.nodes).some((n) => n.parentId === node.id && !n.discarded)) {
        throw new AppError('INVALID_STATE', 'Only the latest node can be deleted: this one has later versions');
      }
      if (node.id === state.deployedNodeId) throw new AppError('INVALID_STATE', 'Cannot delete the deployed version; undeploy the module or deploy another version first');
      return [{ type: 'NodeHidden', data: { node_id: node.id, new_current_node_id: node.parentId } }];
    }
    case 'AttachTable': {
      requireActive(state, command.sessionId);
      const f = command.file;
      return [
        {
          type: 'TableAttached',
          data: { table_id: command.tableId, name: command.name, ...storedFileData(f) },
        },
      ];
    }
    case 'UploadFile': {
      requireActive(state, command.sessionId);
      if (state.applyingTaskId) throw applyRunning(state.applyingTaskId);
      const file = command.file;
      return [
        {
          type: 'FileUploaded',
          data: {
            node_id: file.nodeId,
            ...storedFileData(file),
            read_options: recordedReadOptions(file.readOptions ?? {}),
            previous_root_node_id: state.rootNodeIds.at(-1) ?? null,
            engine_version: file.engineVersion,
          },
        },
        {
          type: 'AssistantReplied',
          data: {
            message_id: file.messageId,
            content: welcomeMessage(file.filename, file.rowCount, file.columns.length),
            node_id: file.nodeId,
            metadata: { kind: 'upload_welcome' },
          },
        },
      ];
    }
  }
}

export const sessionDecider: Decider<SessionCommand, SessionState> = {
  initialState: initialSessionState,
  evolve: evolveSession,
  decide,
};

export const sessionStream = (sessionId: string) => `session-${sessionId}`;

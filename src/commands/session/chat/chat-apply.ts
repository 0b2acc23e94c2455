import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../../errors/index.js';
import { waitForTask } from '../../../queries/tasks.js';
import type { Service } from '../../../service/service.js';
import type { CommandContext } from '../../handle-command.js';
import { requestApply } from '../apply-plan.js';
import { executeSessionCommand } from '../execute.js';
import type { ChatEntry, SessionCommand } from '../session-decider.js';
import { outcome, type ChatOutcome } from './chat-outcome.js';
import { loadSessionState } from './chat-context.js';

export interface ChatApply {
  sessionId: string;
  actor: string;
  /** The steps to apply, by id; undefined = the whole open plan. */
  stepIds?: string[];
  confirmed: boolean;
  /** The user's message when it is not recorded yet: it goes into the same append as the apply request. */
  message?: ChatEntry;
  wait: number;
}

export interface ReplyTarget {
  sessionId: string;
  actor: string;
  /** The user's message, when it is not recorded yet. */
  message?: ChatEntry;
  /** Plan changes recorded in the same append as the reply. */
  changes?: Pick<Extract<SessionCommand, { type: 'RecordChat' }>, 'addSteps' | 'clearPlan'>;
}

/**
 * Records a reply (with the user's message and plan changes, when given, in one append) and answers with it. The
 * reply's metadata keeps what the answer did, and `pending`: the question a "yes" answers next.
 */
export async function reply(service: Service, input: ReplyTarget, context: CommandContext, content: string, fields: Partial<ChatOutcome> = {}, pending: Record<string, unknown> | null = null): Promise<ChatOutcome> {
  const answer = outcome(content, fields);
  const metadata = {
    kind: 'chat_reply',
    steps_added: answer.steps_added,
    clarification: answer.clarification,
    task_id: answer.task_id,
    suggested_steps: answer.suggested_steps,
    planner: answer.planner,
    pending,
  };
  await executeSessionCommand(
    service,
    { type: 'RecordChat', actor: input.actor, sessionId: input.sessionId, message: input.message, ...input.changes, reply: { messageId: randomUUID(), content, metadata } },
    context,
  );
  return answer;
}

/** The note the apply's outcome stored (completion, failure or cancellation), found by its task id. */
async function outcomeNote(service: Service, sessionId: string, taskId: string): Promise<string | undefined> {
  const row = await service.database.db
    .selectFrom('chat_logs')
    .select('content')
    .where('session_id', '=', sessionId)
    .where('role', '=', 'assistant')
    .where(sql<string>`metadata->>'task_id'`, '=', taskId)
    .orderBy('position', 'desc')
    .executeTakeFirst();
  return row?.content;
}

/**
 * An apply started from chat (apply words, a "yes", transform mode): POST /plan/apply's selection, risk check and
 * wait. A risky selection is not applied: the reply asks for confirmation and a "yes" confirms it.
 */
export async function applyFromChat(service: Service, input: ChatApply, context: CommandContext, fields: Partial<ChatOutcome> = {}): Promise<ChatOutcome> {
  const state = await loadSessionState(service, input.sessionId);
  const numbers = input.stepIds?.map((id) => state.plan.findIndex((s) => s.stepId === id) + 1).filter((n) => n > 0);
  let decision;
  try {
    decision = await requestApply(
      service,
      { sessionId: input.sessionId, actor: input.actor, mode: numbers ? 'steps' : 'all', stepNumbers: numbers, confirmed: input.confirmed, chatMessage: input.message },
      context,
    );
  } catch (error) {
    // An empty or no longer valid plan is answered in the conversation, not as an HTTP error.
    if (error instanceof AppError && error.code === 'INVALID_PLAN') return reply(service, input, context, error.message, fields);
    throw error;
  }
  const selected = decision.stepNumbers.map((n) => state.plan[n - 1].stepId);
  if (decision.status === 'needs_confirmation') {
    return reply(
      service,
      input,
      context,
      decision.risk.confirmation_message!,
      { ...fields, requires_confirmation: true, risk: decision.risk, code: 'RISK_CONFIRMATION_REQUIRED' },
      { kind: 'confirm_apply', step_ids: selected },
    );
  }
  const taskId = decision.taskId;
  const db = service.database.db;
  const task = await waitForTask(db, taskId, input.wait, { wake: service.projector ? () => service.projector!.wake() : undefined, settle: service.settle });
  const risk = decision.risk.is_risky ? decision.risk : null;
  if (task?.status === 'SUCCESS') {
    const result = task.result as { node_id: string };
    return outcome((await outcomeNote(service, input.sessionId, taskId)) ?? 'Done!', { ...fields, task_id: taskId, new_node_id: result.node_id, risk });
  }
  if (task?.status === 'FAILURE' || task?.status === 'CANCELLED') {
    const note = (await outcomeNote(service, input.sessionId, taskId)) ?? `The transformation failed: ${task.error}`;
    return outcome(note, { ...fields, task_id: taskId, risk, code: task.status === 'FAILURE' ? 'TRANSFORMATION_FAILED' : null });
  }
  return reply(service, { sessionId: input.sessionId, actor: input.actor }, context, `Still applying ${selected.length} transformation(s). Task ID: ${taskId}`, { ...fields, task_id: taskId, risk });
}

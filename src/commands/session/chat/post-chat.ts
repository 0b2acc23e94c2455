import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../errors/index.js';
import type { Clarification, PlannerResult } from '../../../planner/types.js';
import type { Service } from '../../../service/service.js';
import type { CommandContext } from '../../handle-command.js';
import { executeSessionCommand } from '../execute.js';
import { currentSchema, prepareSteps, targetColumns, type PreparedStep, type RequestedStep } from '../plan-steps.js';
import type { ChatEntry } from '../session-decider.js';
import { requireActive, requireSession } from '../session-guards.js';
import type { SessionState } from '../session-state.js';
import { applyFromChat, reply } from './chat-apply.js';
import { currentProfile, loadSessionState, plannerInput } from './chat-context.js';
import { suggested, type ChatOutcome } from './chat-outcome.js';
import { answerDataQuestion } from './data-questions.js';
import { isOffTopic, matchCommand, REDIRECT } from './intents.js';
import { suggestFollowUp } from './suggestions.js';

export interface ChatInput {
  sessionId: string;
  actor: string;
  message: string;
  mode: 'plan' | 'transform';
  /** Seconds an apply started by this message is waited for (as POST /plan/apply's `wait`). */
  wait: number;
}

/** Below this the planner's steps are offered, not queued (API.md §9.2 step 5). */
const MIN_CONFIDENCE = 0.7;

/** What the assistant's last reply asked, stored in its metadata: a "yes" answers it. */
const pendingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('confirm_apply'), step_ids: z.array(z.string()) }),
  z.object({ kind: z.literal('add_steps'), steps: z.array(z.object({ op: z.string(), params: z.record(z.string(), z.unknown()), explanation: z.string().optional() })).min(1) }),
  z.object({ kind: z.literal('apply') }),
]);

const NOTHING_PENDING = 'What would you like me to do? Tell me a change, for example "remove duplicate rows", or say "apply" to run your plan.';

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function planText(state: SessionState): { text: string; pending: Record<string, unknown> | null } {
  if (state.plan.length === 0) return { text: "Your plan is empty. Tell me what you'd like to change.", pending: null };
  const lines = state.plan.map((s, i) => `${i + 1}. ${s.explanation}`);
  return { text: `Your plan has ${count(state.plan.length, 'step')}:\n${lines.join('\n')}\n\nReady to apply them?`, pending: { kind: 'apply' } };
}

/** Planner steps validated like POST /plan/steps; a problem becomes the question to ask instead. */
function validate(state: SessionState, steps: RequestedStep[]): { steps: PreparedStep[] } | { clarification: Clarification } {
  try {
    return { steps: prepareSteps(state, steps, state.plan.length + 1) };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID_PLAN') throw error;
    const first = (error.details?.errors as { code?: string; message: string; did_you_mean: string[]; available_columns: string[] | null }[] | undefined)?.[0];
    const missing = first?.code === 'COLUMN_NOT_FOUND' ? /column "((?:[^"\\]|\\.)*)" does not exist/.exec(first.message)?.[1] : undefined;
    if (first && missing !== undefined) {
      const options = first.did_you_mean.length > 0 ? first.did_you_mean : (first.available_columns ?? []);
      const hint = first.did_you_mean.length > 0 ? ` Did you mean: ${first.did_you_mean.join(', ')}?` : ` Available columns: ${options.join(', ')}.`;
      return { clarification: { question: `Column '${missing}' not found.${hint}`, reason: 'unknown_column', options } };
    }
    return { clarification: { question: `I couldn't turn that into a valid change (${error.message}). Could you rephrase it?`, reason: 'unsupported', options: [] } };
  }
}

/** The plan as it will be once `steps` are appended (for the follow-up suggestion). */
const withSteps = (state: SessionState, steps: PreparedStep[]): SessionState => ({
  ...state,
  plan: [...state.plan, ...steps.map((s) => ({ stepId: randomUUID(), op: s.op, params: s.params, explanation: s.explanation }))],
});

/**
 * POST /sessions/{id}/chat in the decision order of API.md §9.2: guards, whole-message commands, affirmatives,
 * off-topic and data questions, then the planner. Every answered message is recorded with its reply.
 */
export async function postChat(service: Service, input: ChatInput, context: CommandContext): Promise<ChatOutcome> {
  const state = await loadSessionState(service, input.sessionId);
  requireSession(state, input.sessionId, input.actor);
  requireActive(state, input.sessionId);
  currentSchema(state);
  const message: ChatEntry = { messageId: randomUUID(), content: input.message, metadata: { mode: input.mode } };
  const base = { sessionId: input.sessionId, actor: input.actor, message };
  const say = (content: string, fields: Partial<ChatOutcome> = {}, pending: Record<string, unknown> | null = null) => reply(service, base, context, content, fields, pending);
  const apply = (stepIds: string[] | undefined, confirmed: boolean, fields: Partial<ChatOutcome> = {}) =>
    applyFromChat(service, { ...base, stepIds, confirmed, wait: input.wait }, context, fields);

  /** Adds steps the user asked for (or accepted); transform mode applies exactly these at once. */
  const addSteps = async (steps: PreparedStep[], source: 'chat' | 'suggestion', lead: string, fields: Partial<ChatOutcome> = {}) => {
    const stepIds = steps.map(() => randomUUID());
    const numbers = steps.map((_, i) => state.plan.length + i + 1);
    const requested = steps.map((s) => ({ op: s.op, params: s.params, explanation: s.explanation }));
    if (input.mode === 'transform') {
      await executeSessionCommand(service, { type: 'RecordChat', actor: input.actor, sessionId: input.sessionId, message, addSteps: { stepIds, steps: requested, source } }, context);
      return applyFromChat(service, { sessionId: input.sessionId, actor: input.actor, stepIds, confirmed: false, wait: input.wait }, context, { ...fields, steps_added: numbers });
    }
    const total = state.plan.length + steps.length;
    let text = `${lead}\n\nAdded to your plan (${count(total, 'step')} queued).`;
    let pending: Record<string, unknown> | null = null;
    let offered: PreparedStep[] = [];
    if (total >= 3) {
      text += `\n\nYou have ${total} transformations planned. Ready to apply them?`;
      pending = { kind: 'apply' };
    } else {
      const after = withSteps(state, steps);
      const planned = (list: { op: string; params: Record<string, unknown> }[]) => list.map((s) => ({ op: s.op, targetColumns: targetColumns(s.op, s.params) }));
      const suggestion = suggestFollowUp(await currentProfile(service, state), planned(after.plan), planned(steps));
      const checked = suggestion ? validate(after, suggestion.steps) : undefined;
      if (suggestion && checked && 'steps' in checked) {
        text += `\n\n${suggestion.question}`;
        offered = checked.steps;
        pending = { kind: 'add_steps', steps: offered.map((s) => ({ op: s.op, params: s.params, explanation: s.explanation })) };
      }
    }
    return reply(service, { ...base, changes: { addSteps: { stepIds, steps: requested, source } } }, context, text, { ...fields, steps_added: numbers, suggested_steps: suggested(offered) }, pending);
  };

  switch (matchCommand(input.message)) {
    case 'show_plan': {
      const { text, pending } = planText(state);
      return say(text, {}, pending);
    }
    case 'clear':
      return reply(service, { ...base, changes: { clearPlan: true } }, context, 'Plan cleared. What would you like to do next?');
    case 'apply':
      return apply(undefined, false);
    case 'affirmative': {
      const pending = pendingSchema.safeParse(state.pendingQuestion);
      if (!pending.success) return say(NOTHING_PENDING);
      if (pending.data.kind === 'apply') return apply(undefined, false);
      if (pending.data.kind === 'confirm_apply') {
        const ids = pending.data.step_ids.filter((id) => state.plan.some((s) => s.stepId === id));
        return ids.length === 0 ? say(NOTHING_PENDING) : apply(ids, true);
      }
      const checked = validate(state, pending.data.steps);
      if ('clarification' in checked) return say(checked.clarification.question, { clarification: checked.clarification });
      return addSteps(checked.steps, 'suggestion', `Okay, I'll ${joinLower(checked.steps)}.`);
    }
    default:
      break;
  }

  const profile = await currentProfile(service, state);
  if (isOffTopic(input.message, profile.columns.map((c) => c.name))) return say(REDIRECT);
  const answer = answerDataQuestion(input.message, profile);
  if (answer !== null) return say(answer);

  const result: PlannerResult = await service.planner.plan(await plannerInput(service, state, input.message, profile));
  const from = { planner: result.planner, planner_note: result.note };
  if (result.clarification) return say(result.clarification.question, { ...from, clarification: result.clarification });
  if (result.steps.length === 0) {
    const clarification: Clarification = { question: result.reply || "I'm not sure how to do that. Could you say it another way?", reason: 'unsupported', options: [] };
    return say(clarification.question, { ...from, clarification });
  }
  const checked = validate(state, result.steps);
  if ('clarification' in checked) return say(checked.clarification.question, { ...from, clarification: checked.clarification });
  if (result.confidence < MIN_CONFIDENCE) {
    const options = checked.steps.map((s) => s.explanation);
    const clarification: Clarification = { question: `I'm not sure I understood. Did you mean: ${options.join('; ')}?`, reason: 'low_confidence', options };
    const pending = { kind: 'add_steps', steps: checked.steps.map((s) => ({ op: s.op, params: s.params, explanation: s.explanation })) };
    return say(clarification.question, { ...from, clarification, suggested_steps: suggested(checked.steps) }, pending);
  }
  // The follow-up question is the chat's to ask (a "yes" must be able to answer it with concrete steps), so a
  // planner reply that asks one of its own is replaced by the plain "I'll …" sentence.
  const lead = result.reply.trim() && !result.reply.includes('?') ? result.reply.trim() : `I'll ${joinLower(checked.steps)}.`;
  return addSteps(checked.steps, 'chat', lead, from);
}

function joinLower(steps: PreparedStep[]): string {
  const parts = steps.map((s) => s.explanation.charAt(0).toLowerCase() + s.explanation.slice(1).replace(/\.$/, ''));
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

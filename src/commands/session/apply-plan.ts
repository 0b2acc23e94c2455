import { randomInt, randomUUID } from 'node:crypto';
import { getPrimitive, runPlan, type AttachedTable } from '../../engine/plan/index.js';
import { readCanonicalCsv } from '../../engine/index.js';
import { AppError } from '../../errors/index.js';
import { createEventStore } from '../../events/index.js';
import type { Service } from '../../service/service.js';
import { fold } from '../decider.js';
import type { CommandContext } from '../handle-command.js';
import { executeSessionCommand } from './execute.js';
import { currentSchema, invalidPlan } from './plan-steps.js';
import { assessRisk, type Risk } from './risk.js';
import { sessionDecider, sessionStream, type ChatEntry } from './session-decider.js';
import { requireActive, requireSession } from './session-guards.js';
import type { SessionState } from './session-state.js';

export interface ApplyInput {
  sessionId: string;
  actor: string;
  mode: 'all' | 'steps' | 'one_by_one';
  stepNumbers?: number[];
  confirmed: boolean;
  /** The chat message that asked for this apply, recorded in the same append as the request (chat apply words). */
  chatMessage?: ChatEntry;
}

export type ApplyDecision = { status: 'needs_confirmation'; risk: Risk; stepNumbers: number[] } | { status: 'queued'; taskId: string; risk: Risk; stepNumbers: number[] };

/** Loads an attached table's canonical data by its blob key. */
export async function loadAttachedTables(service: Pick<Service, 'blobs'>, tables: { id: string; name: string; hash: string; storage_key: string }[]): Promise<AttachedTable[]> {
  return Promise.all(tables.map(async (t) => ({ id: t.id, name: t.name, hash: t.hash, table: readCanonicalCsv(await service.blobs.get(t.storage_key)) })));
}

/**
 * POST /plan/apply up to the queue: select the steps, re-validate them on the current version, dry-run them for the
 * risk check, fix every seed and the reference time, and record PlanApplyRequested (the dispatcher enqueues it).
 */
export async function requestApply(service: Service, input: ApplyInput, context: CommandContext): Promise<ApplyDecision> {
  const past = await createEventStore(service.database.db).readStream(sessionStream(input.sessionId));
  const state: SessionState = fold(sessionDecider, past);
  requireSession(state, input.sessionId, input.actor);
  requireActive(state, input.sessionId);
  currentSchema(state);
  if (state.applyingTaskId) {
    throw new AppError('VERSION_CONFLICT', 'An apply is already running on this session; wait for it to finish.', { details: { task_id: state.applyingTaskId } });
  }
  const numbers = input.mode === 'steps' ? [...new Set(input.stepNumbers ?? [])].sort((a, b) => a - b) : state.plan.map((_, i) => i + 1);
  const unknown = numbers.filter((n) => n < 1 || n > state.plan.length);
  if (unknown.length > 0) throw new AppError('INVALID_PLAN', `Unknown step number(s): ${unknown.join(', ')}. The plan has ${state.plan.length} step(s).`, { details: { errors: [] } });
  if (numbers.length === 0) throw new AppError('INVALID_PLAN', 'No transformations to apply. Add some changes first!', { details: { errors: [] } });
  const selected = numbers.map((n) => state.plan[n - 1]);
  // Randomness is fixed now and recorded, so the worker and every replay draw the same.
  const steps = selected.map((s) => ({ step_id: s.stepId, op: s.op, params: getPrimitive(s.op)?.needsSeed && s.params.seed === undefined ? { ...s.params, seed: randomInt(0, 2 ** 32) } : s.params }));

  const base = state.nodes[state.currentNodeId!];
  const baseRow = await service.database.db.selectFrom('nodes').select('storage_path').where('id', '=', base.id).executeTakeFirstOrThrow();
  const tableRows = await service.database.db.selectFrom('session_tables').select(['id', 'name', 'content_hash', 'storage_path']).where('session_id', '=', input.sessionId).execute();
  const tableRefs = tableRows.map((t) => ({ id: t.id, name: t.name, hash: t.content_hash, storage_key: t.storage_path }));
  const ctx = { tables: await loadAttachedTables(service, tableRefs), now: context.now.toISOString() };
  const table = readCanonicalCsv(await service.blobs.get(baseRow.storage_path));
  const dryRun = runPlan(table, steps.map((s) => ({ op: s.op, params: s.params })), ctx);
  if (!dryRun.ok && dryRun.steps.length === 0) throw invalidPlan(dryRun.errors, (i) => numbers[i] ?? null);
  const risk = assessRisk(table, dryRun);
  if (risk.is_risky && !input.confirmed) return { status: 'needs_confirmation', risk, stepNumbers: numbers };

  const taskId = randomUUID();
  const applied = new Set(steps.map((s) => s.step_id));
  await executeSessionCommand(
    service,
    {
      type: 'RequestApply',
      actor: input.actor,
      sessionId: input.sessionId,
      request: {
        task_id: taskId,
        plan_id: state.planId!,
        base_node_id: base.id,
        mode: input.mode,
        steps,
        remaining_order: state.plan.filter((s) => !applied.has(s.stepId)).map((s) => s.stepId),
        reference_time: context.now.toISOString(),
        tables: tableRefs,
        confirmed: input.confirmed,
      },
      chatMessage: input.chatMessage,
    },
    context,
  );
  return { status: 'queued', taskId, risk, stepNumbers: numbers };
}

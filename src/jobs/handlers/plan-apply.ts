import { randomUUID } from 'node:crypto';
import { ENGINE_VERSION, stepThroughPlan, type RunResult } from '../../engine/plan/index.js';
import { profileTable, readCanonicalCsv, writeCsv, type DataTable } from '../../engine/index.js';
import { rowCount } from '../../engine/table.js';
import { fold } from '../../commands/decider.js';
import { loadAttachedTables } from '../../commands/session/apply-plan.js';
import { executeSessionCommand } from '../../commands/session/execute.js';
import { nodeCode, nodeLabel } from '../../commands/session/node-label.js';
import { sessionDecider, sessionStream } from '../../commands/session/session-decider.js';
import type { DomainEvent, StoredEvent } from '../../events/index.js';
import { causedBy } from '../../events/causation.js';
import type { Service } from '../../service/service.js';
import { publicFailure } from '../../errors/public-failure.js';
import { gaveUpMessage } from '../gave-up.js';
import { jobBoundaries } from '../job-boundaries.js';
import { outputLimits } from '../../commands/session/table-caps.js';

export interface PlanApplyJob {
  session_id: string;
  task_id: string;
}

type Applied = Extract<DomainEvent, { type: 'TransformationApplied' }>['data']['nodes'][number];

/** Result checks stored on the node (the original's "tester"): they inform and never block. */
function resultChecks(rowsBefore: number, rowsAfter: number) {
  const removed = rowsBefore - rowsAfter;
  const pct = rowsBefore === 0 ? 0 : Math.round((Math.abs(removed) / rowsBefore) * 1000) / 10;
  const issues = rowsAfter === 0 && rowsBefore > 0 ? [{ check: 'row_count', severity: 'warning', column: null, message: 'The result has no rows.', suggestion: 'Undo and loosen the filter.' }] : [];
  const change = removed > 0 ? ` Removed ${removed} rows (${pct}%).` : removed < 0 ? ` Added ${-removed} rows.` : '';
  return { passed: issues.length === 0, summary: `${issues.length === 0 ? 'All checks passed.' : 'Some checks need attention.'}${change}`, issues };
}

/**
 * Runs one accepted apply: loads the base version and attached tables, runs the recorded steps through the engine,
 * stores each output by hash and records the outcome. Idempotent on the task id: a retried or duplicated job finds
 * the outcome recorded and records nothing (the decider checks it, and the append uses the expected version).
 */
export async function runPlanApply(service: Service, job: PlanApplyJob): Promise<void> {
  const stream = sessionStream(job.session_id);
  const past = await service.store.readStream(stream);
  const state = fold(sessionDecider, past);
  if (state.finishedTasks[job.task_id]) return;
  const requested = requestOf(past, job);
  const request = requested.data as Extract<DomainEvent, { type: 'PlanApplyRequested' }>['data'];
  const started = performance.now();
  // A cancellation is recorded in the session stream at once (DELETE /tasks/{id}); the job notices it at the next
  // step boundary and stops without storing anything.
  const { progress, cancelled } = jobBoundaries(service, job.task_id, stream, past, (e) => e.type === 'TransformationCancelled' && e.data.task_id === job.task_id);
  await progress(10, 'Loading data...');

  const base = state.nodes[request.base_node_id];
  const input = readCanonicalCsv(await service.blobs.get(base.storageKey));
  const ctx = { tables: await loadAttachedTables(service, request.tables), now: request.reference_time, limits: outputLimits(service.config) };
  const groups = request.mode === 'one_by_one' ? request.steps.map((s) => [s]) : [request.steps];
  const total = request.steps.length;
  const nodes: Applied[] = [];
  const stats: Record<string, unknown>[] = [];
  let table: DataTable = input;
  let parent = request.base_node_id;
  for (const [g, steps] of groups.entries()) {
    const offset = groups.slice(0, g).reduce((n, x) => n + x.length, 0);
    const run = stepThroughPlan(table, steps.map((s) => ({ op: s.op, params: s.params })), ctx);
    let next = run.next();
    while (!next.done) {
      if (await cancelled()) return;
      const k = offset + next.value.index + 1;
      await progress(20 + Math.round((60 * (k - 1)) / total), `Applying step ${k} of ${total}: ${next.value.op}...`);
      next = run.next();
    }
    const result: RunResult = next.value;
    stats.push(...result.steps.map((r) => ({ ...r, step_number: offset + r.index + 1, transformation_type: r.op, index: offset + r.index })));
    if (!result.ok) {
      const error = result.error!;
      await record(service, job, requested, {
        type: 'TransformationFailed',
        data: { task_id: job.task_id, code: 'TRANSFORMATION_FAILED', error: error.message, step_index: error.step_index + offset, step_stats: stats, engine_version: ENGINE_VERSION, duration_ms: Math.round(performance.now() - started) },
      });
      return;
    }
    if (await cancelled()) return;
    await progress(Math.min(90, 80 + Math.round((10 * (g + 1)) / groups.length)), 'Saving results...');
    const stored = await service.blobs.put(writeCsv(result.table));
    const profile = profileTable(result.table);
    const recorded = result.steps.map((r, i) => ({ step_id: steps[i].step_id, op: r.op, params: r.params }));
    const nodeId = randomUUID();
    nodes.push({
      node_id: nodeId,
      parent_id: parent,
      steps: recorded,
      transformation: nodeLabel(recorded),
      transformation_code: nodeCode(recorded, table.schema),
      content_hash: stored.hash,
      storage_key: stored.key,
      row_count: rowCount(result.table),
      column_count: result.table.schema.length,
      columns: result.table.schema.map((c) => ({ name: c.name, type: c.type })),
      profile: profile as unknown as Record<string, unknown>,
      step_stats: stats.slice(offset),
      checks: resultChecks(rowCount(table), rowCount(result.table)),
    });
    parent = nodeId;
    table = result.table;
  }
  await record(service, job, requested, {
    type: 'TransformationApplied',
    data: {
      task_id: job.task_id,
      nodes,
      remaining_order: request.remaining_order,
      engine_version: ENGINE_VERSION,
      rows_before: rowCount(input),
      rows_after: rowCount(table),
      duration_ms: Math.round(performance.now() - started),
    },
  });
}

/**
 * The apply's last attempt failed for a reason other than a step (storage or the database down through every retry,
 * a bug): record it as TransformationFailed, so the task answers FAILURE with a sentence the user may see instead of
 * staying in progress for ever. A no-op when an outcome is already recorded.
 */
export async function recordApplyGaveUp(service: Service, job: PlanApplyJob, error: unknown, attempts: number): Promise<void> {
  const past = await service.store.readStream(sessionStream(job.session_id));
  if (fold(sessionDecider, past).finishedTasks[job.task_id]) return;
  const { code, detail } = publicFailure(error);
  await record(service, job, requestOf(past, job), {
    type: 'TransformationFailed',
    data: { task_id: job.task_id, code, error: gaveUpMessage(detail, attempts), step_index: null, step_stats: [], engine_version: ENGINE_VERSION },
  });
}

function requestOf(past: readonly StoredEvent[], job: PlanApplyJob): StoredEvent {
  const requested = past.find((e) => e.type === 'PlanApplyRequested' && e.data.task_id === job.task_id);
  if (!requested) throw new Error(`No PlanApplyRequested for task ${job.task_id}`);
  return requested;
}

function record(service: Service, job: PlanApplyJob, requested: StoredEvent, outcome: Extract<DomainEvent, { type: 'TransformationApplied' | 'TransformationFailed' }>) {
  return executeSessionCommand(
    service,
    { type: 'RecordApplyOutcome', actor: 'worker', sessionId: job.session_id, messageId: randomUUID(), outcome },
    { now: service.now(), metadata: causedBy(requested, 'worker') },
  );
}

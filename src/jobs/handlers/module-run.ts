import type { Discrepancy } from '../../engine/matching/index.js';
import { ENGINE_VERSION, stepThroughPlan, type RunResult, type StepRecord } from '../../engine/plan/index.js';
import { readCanonicalCsv, writeCsv } from '../../engine/index.js';
import { rowCount } from '../../engine/table.js';
import { fold } from '../../commands/decider.js';
import { executeModuleCommand } from '../../commands/module/execute.js';
import { moduleDecider } from '../../commands/module/module-decider.js';
import type { RunState } from '../../commands/module/module-state.js';
import { renameToContract } from '../../commands/module/rename-to-contract.js';
import { loadAttachedTables } from '../../commands/session/apply-plan.js';
import { sessionStream } from '../../commands/session/session-decider.js';
import type { DomainEvent } from '../../events/index.js';
import type { Service } from '../../service/service.js';
import { jobBoundaries } from '../job-boundaries.js';
import { gaveUpMessage } from '../gave-up.js';
import { publicFailure } from '../../errors/public-failure.js';

export interface ModuleRunJob {
  session_id: string;
  run_id: string;
  task_id: string;
}

/** Warnings that mean a step set values to null: reported as discrepancies, never silent. */
const NULLING = new Set(['VALUES_NULLED', 'DATES_UNPARSED']);

function nulledValues(records: readonly StepRecord[]): Discrepancy[] {
  return records.flatMap((r) =>
    r.warnings
      .filter((w) => NULLING.has(w.code))
      .map((w) => ({
        type: 'values_nulled' as const,
        severity: 'warning' as const,
        column: w.column ?? '',
        description: `Step ${r.index + 1} (${r.op}): ${w.message}`,
        suggestion: 'Check these values in the file: the module left them empty.',
        ...(w.count !== undefined ? { affected_count: w.count } : {}),
        ...(w.samples ? { examples: w.samples } : {}),
      })),
  );
}

const ms = (since: number): number => Math.round((performance.now() - since) * 1000) / 1000;

function successMessage(run: RunState): string {
  if (run.level === 'HIGH') return 'Module run completed successfully.';
  return run.confirmed ? 'Run confirmed and executed successfully.' : 'Run completed with schema differences (forced).';
}

/**
 * Runs one accepted module run: the stored input with its columns renamed to the contract's names, through the
 * module version's frozen steps (the same engine as an apply; a run's "today" is its own reference time), then the
 * output stored by hash and the outcome recorded. Idempotent on the run: a retried or duplicated job finds the run
 * finished and records nothing (the decider checks it; the append uses the expected version).
 */
export async function runModuleJob(service: Service, job: ModuleRunJob): Promise<void> {
  const stream = sessionStream(job.session_id);
  const past = await service.store.readStream(stream);
  const state = fold(moduleDecider, past);
  const run = state.runs[job.run_id];
  if (!run) throw new Error(`No run ${job.run_id} in session ${job.session_id}`);
  if (run.status !== 'running' || run.taskId !== job.task_id) return;
  const module = state.moduleVersions[run.moduleVersion - 1];
  // A cancellation lands in the session stream; the job looks for it at each step boundary and then stores nothing.
  const { progress, cancelled } = jobBoundaries(service, job.task_id, stream, past, (e) => e.type === 'ModuleRunCancelled' && e.data.run_id === job.run_id);
  await progress(10, 'Loading data...');
  let started = performance.now();
  const input = renameToContract(readCanonicalCsv(await service.blobs.get(run.inputKey)), run.mappings);
  const ctx = { tables: await loadAttachedTables(service, module.tables), now: run.referenceTime };
  const total = module.steps.length;
  const steps = stepThroughPlan(input, module.steps.map((s) => ({ op: s.op, params: s.params })), ctx);
  let next = steps.next();
  while (!next.done) {
    if (await cancelled()) return;
    const k = next.value.index + 1;
    await progress(20 + Math.round((60 * (k - 1)) / total), `Applying step ${k} of ${total}: ${next.value.op}...`);
    next = steps.next();
  }
  const result: RunResult = next.value;
  const transformMs = ms(started);
  const stats = result.steps.map((r) => ({ ...r, step_number: r.index + 1, transformation_type: r.op }));
  const timings = { schema_match_ms: run.timings.schema_match_ms, transform_ms: transformMs, upload_ms: run.timings.upload_ms };
  const duration = () => Math.round(timings.schema_match_ms + timings.transform_ms + timings.upload_ms);

  if (!result.ok) {
    const error = result.error!;
    await record(service, job, {
      type: 'ModuleRunFailed',
      data: {
        run_id: job.run_id,
        task_id: job.task_id,
        code: 'TRANSFORMATION_FAILED',
        error: error.message,
        error_details: { step_number: error.step_index + 1, transformation_type: error.op, reason: error.message, error_code: error.code },
        step_stats: stats,
        engine_version: ENGINE_VERSION,
        timings,
        duration_ms: duration(),
      },
    });
    return;
  }
  if (await cancelled()) return;
  await progress(90, 'Saving results...');
  started = performance.now();
  const stored = await service.blobs.put(writeCsv(result.table));
  timings.upload_ms += ms(started);
  await record(service, job, {
    type: 'ModuleRunCompleted',
    data: {
      run_id: job.run_id,
      task_id: job.task_id,
      status: run.level === 'HIGH' ? 'success' : 'warning_confirmed',
      output_hash: stored.hash,
      output_key: stored.key,
      row_count: rowCount(result.table),
      column_count: result.table.schema.length,
      columns: result.table.schema.map((c) => ({ name: c.name, type: c.type })),
      step_stats: stats as unknown as Record<string, unknown>[],
      discrepancies: [...run.discrepancies, ...nulledValues(result.steps)] as unknown as Record<string, unknown>[],
      engine_version: ENGINE_VERSION,
      timings,
      duration_ms: duration(),
      message: successMessage(run),
    },
  });
}

/**
 * The run's last attempt failed for a reason other than a step (storage or the database down through every retry, a
 * bug): record ModuleRunFailed, so the run and its task answer failed instead of running for ever. A no-op when the
 * run already has an outcome.
 */
export async function recordRunGaveUp(service: Service, job: ModuleRunJob, error: unknown, attempts: number): Promise<void> {
  const run = fold(moduleDecider, await service.store.readStream(sessionStream(job.session_id))).runs[job.run_id];
  if (!run || run.status !== 'running' || run.taskId !== job.task_id) return;
  const { code, detail } = publicFailure(error);
  const timings = { ...run.timings, transform_ms: 0 };
  await record(service, job, {
    type: 'ModuleRunFailed',
    data: {
      run_id: job.run_id,
      task_id: job.task_id,
      code,
      error: gaveUpMessage(detail, attempts),
      error_details: null,
      step_stats: [],
      engine_version: ENGINE_VERSION,
      timings,
      duration_ms: Math.round(timings.schema_match_ms + timings.upload_ms),
    },
  });
}

function record(service: Service, job: ModuleRunJob, outcome: Extract<DomainEvent, { type: 'ModuleRunCompleted' | 'ModuleRunFailed' }>) {
  return executeModuleCommand(
    service,
    { type: 'RecordRunOutcome', actor: 'worker', sessionId: job.session_id, outcome },
    { now: service.now(), metadata: { actor: 'worker', causation_id: job.task_id, correlation_id: job.task_id } },
  );
}

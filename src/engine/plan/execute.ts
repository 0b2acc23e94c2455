import { SERVICE_VERSION } from '../../service/version.js';
import { rowCount, type DataTable } from '../table.js';
import { StepFailure } from './step-failure.js';
import type { PlanError, RunContext, RunResult, StepRecord } from './types.js';
import { problemToError, referenceProblems, validatePlan } from './validate.js';

/** The engine version recorded with every transformation; the Node major is part of it (§1.5 rule 6). */
export const ENGINE_VERSION = `${SERVICE_VERSION}+node${process.versions.node.split('.')[0]}`;

export interface RunOptions {
  /** Called before each step (progress reporting); a thrown error stops the run like a failed step. */
  onStep?: (index: number, total: number, op: string) => void;
}

/** Where a stepwise run pauses: before step `index` (0-based) of `total`. */
export interface StepBoundary {
  index: number;
  total: number;
  op: string;
}

/**
 * Validates the whole plan, then runs it step by step (§1.4). Stops on the first failing step and returns the input
 * unchanged with the records of the steps that ran; never returns partial output.
 */
export function runPlan(input: DataTable, steps: unknown, ctx: RunContext = {}, options: RunOptions = {}): RunResult {
  const run = stepThroughPlan(input, steps, ctx);
  let next = run.next();
  while (!next.done) {
    let stop: unknown;
    try {
      options.onStep?.(next.value.index, next.value.total, next.value.op);
    } catch (error) {
      stop = error;
    }
    next = stop === undefined ? run.next() : run.throw(stop);
  }
  return next.value;
}

/**
 * runPlan as a generator that pauses before each step, so a caller can do async work between steps (progress
 * events, noticing a cancellation) and stop there; `throw(error)` at a pause fails that step like a failed step.
 */
export function* stepThroughPlan(input: DataTable, steps: unknown, ctx: RunContext = {}): Generator<StepBoundary, RunResult, void> {
  const started = performance.now();
  const rowsBefore = rowCount(input);
  const validation = validatePlan(steps, input.schema, ctx);
  const result = (ok: boolean, table: DataTable, records: StepRecord[], errors: PlanError[]): RunResult => ({
    ok,
    table,
    steps: records,
    error: errors[0] ?? null,
    errors,
    rows_before: rowsBefore,
    rows_after: rowCount(table),
    duration_ms: performance.now() - started,
    engine_version: ENGINE_VERSION,
  });
  if (validation.errors.length > 0) return result(false, input, [], validation.errors);

  const records: StepRecord[] = [];
  let table = input;
  for (const { index, primitive, params } of validation.steps) {
    const stepStarted = performance.now();
    const record: StepRecord = {
      index,
      op: primitive.name,
      params,
      ok: false,
      rows_before: rowCount(table),
      rows_after: null,
      cols_before: table.schema.length,
      cols_after: null,
      columns_added: [],
      columns_removed: [],
      warnings: [],
      metadata: {},
      duration_ms: 0,
      error: null,
    };
    records.push(record);
    try {
      yield { index, total: validation.steps.length, op: primitive.name };
      // Steps after a dynamic schema are checked here, against the real input, before they touch data.
      const problems = referenceProblems(primitive, params, table.schema, ctx);
      if (problems.length > 0) throw problemToError(index, primitive.name, problems[0], table.schema);
      const output = primitive.run(table, params, ctx);
      const limits = ctx.limits ?? {};
      const rows = rowCount(output.table);
      if ((limits.maxRows !== undefined && rows > limits.maxRows) || (limits.maxCells !== undefined && rows * output.table.schema.length > limits.maxCells)) {
        throw new StepFailure('LIMIT_EXCEEDED', `the output (${rows} rows × ${output.table.schema.length} columns) exceeds the configured limit.`);
      }
      const before = new Set(table.schema.map((c) => c.name));
      const after = new Set(output.table.schema.map((c) => c.name));
      Object.assign(record, {
        ok: true,
        rows_after: rows,
        cols_after: output.table.schema.length,
        columns_added: output.table.schema.map((c) => c.name).filter((n) => !before.has(n)),
        columns_removed: table.schema.map((c) => c.name).filter((n) => !after.has(n)),
        warnings: output.warnings ?? [],
        metadata: output.metadata ?? {},
      });
      table = output.table;
    } catch (error) {
      record.error = toPlanError(error, index, primitive.name);
      record.duration_ms = performance.now() - stepStarted;
      return result(false, input, records, [record.error]);
    }
    record.duration_ms = performance.now() - stepStarted;
  }
  return result(true, table, records, []);
}

function toPlanError(error: unknown, index: number, op: string): PlanError {
  if (error instanceof StepFailure) {
    return { code: error.code, step_index: index, op, param: error.param, message: `Step ${index + 1} (${op})${error.param ? ` ${error.param}` : ''}: ${error.message}` };
  }
  if (typeof error === 'object' && error !== null && 'code' in error && 'step_index' in error) return error as PlanError;
  // A bug in a primitive: never leak raw library text.
  return { code: 'STEP_FAILED', step_index: index, op, param: null, message: `Step ${index + 1} (${op}): internal error in ${op}: ${(error as Error)?.message ?? String(error)}` };
}

import { getPrimitive, listPrimitives, validatePlan, type AttachedTable, type PlanError, type Schema } from '../../engine/plan/index.js';
import { mdCall } from '../../engine/plan/render-helpers.js';
import { makeDataTable } from '../../engine/table.js';
import { editDistance } from '../../engine/values/suggest.js';
import { AppError } from '../../errors/index.js';
import type { SessionState } from './session-state.js';

export interface RequestedStep {
  op: string;
  params: Record<string, unknown>;
  explanation?: string;
}

export interface PreparedStep {
  op: string;
  params: Record<string, unknown>;
  explanation: string;
  target_columns: string[];
  code_preview: string;
}

/** The attached tables with their columns and no rows: enough to validate and render steps that name them. */
export function schemaOnlyTables(state: Pick<SessionState, 'tables'>, ids?: readonly string[]): AttachedTable[] {
  const tables = ids ? ids.map((id) => state.tables[id]).filter((t) => t !== undefined) : Object.values(state.tables);
  return tables.map((t) => ({ id: t.id, name: t.name, hash: '', table: makeDataTable(t.columns as never, t.columns.map(() => [])) }));
}

/** The current version's columns; NO_DATA before the first upload. */
export function currentSchema(state: SessionState): Schema {
  const node = state.currentNodeId ? state.nodes[state.currentNodeId] : undefined;
  if (!node) throw new AppError('NO_DATA', 'No data uploaded. Please upload a CSV file first.', { details: { session_id: state.sessionId } });
  return node.columns as Schema;
}

function closestOps(op: string): string[] {
  return listPrimitives()
    .map((p) => ({ name: p.name, d: editDistance(op, p.name) }))
    .filter((x) => x.d <= Math.max(3, Math.floor(op.length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.name);
}

/** INVALID_PLAN with the errors of API.md §9.3 (`step_number` is null for steps not yet in the plan). */
export function invalidPlan(errors: PlanError[], stepNumberOf: (index: number) => number | null): AppError {
  const details = errors.map((e) => ({
    step_index: e.step_index,
    step_number: stepNumberOf(e.step_index),
    transformation_type: e.op,
    parameter: e.param,
    code: e.code,
    message: e.message,
    available_columns: e.columns ?? null,
    did_you_mean: e.code === 'UNKNOWN_OP' ? closestOps(e.op ?? '') : e.suggestion ? [e.suggestion] : [],
  }));
  const first = details[0];
  return new AppError('INVALID_PLAN', first.message, {
    suggestion: first.did_you_mean.length ? `Did you mean: ${first.did_you_mean.join(', ')}?` : undefined,
    details: { errors: details },
  });
}

/**
 * Seeds and the reference instant are fixed at apply time, so a step may leave them out of the plan; validation
 * stands in a placeholder for them (only their presence is checked before the apply).
 */
const VALIDATION_NOW = '1970-01-01T00:00:00.000Z';
function forValidation(step: { op: string; params: Record<string, unknown> }) {
  return getPrimitive(step.op)?.needsSeed && step.params.seed === undefined ? { op: step.op, params: { ...step.params, seed: 0 } } : { op: step.op, params: step.params };
}

/**
 * Validates steps as they will sit in the open plan (after the plan's earlier steps, against the current version)
 * and normalizes them; all or nothing. Pure: no I/O.
 */
export function prepareSteps(state: SessionState, requested: RequestedStep[], position: number): PreparedStep[] {
  const schema = currentSchema(state);
  if (requested.length === 0) throw new AppError('INVALID_PLAN', 'No steps to add.', { details: { errors: [] } });
  const before = state.plan.slice(0, position - 1).map(forValidation);
  const after = state.plan.slice(position - 1).map(forValidation);
  const combined = [...before, ...requested.map(forValidation), ...after];
  const tables = schemaOnlyTables(state);
  const validation = validatePlan(combined, schema, { tables, now: VALIDATION_NOW });
  const first = before.length;
  const ours = validation.errors.filter((e) => e.step_index >= first && e.step_index < first + requested.length);
  if (ours.length > 0) {
    throw invalidPlan(
      ours.map((e) => ({ ...e, step_index: e.step_index - first, message: e.message.replace(/^Step \d+/, `Step ${e.step_index - first + 1}`) })),
      () => null,
    );
  }
  return requested.map((step, i) => {
    const validated = validation.steps.find((v) => v.index === first + i)!;
    const primitive = getPrimitive(step.op)!;
    const params = { ...validated.params };
    // A seed left out stays out of the plan: the apply draws it and records it (API.md §9.1).
    if (primitive.needsSeed && step.params.seed === undefined) delete params.seed;
    const summary = primitive.summary(params);
    return {
      op: step.op,
      params,
      explanation: step.explanation?.trim() || summary.charAt(0).toUpperCase() + summary.slice(1),
      target_columns: targetColumns(step.op, params),
      // Rendered against the step's own input: it may use columns an earlier step of the plan creates.
      code_preview: codePreview(step.op, params, validated.inputSchema),
    };
  });
}

/** The step's Arquero code; where its input columns depend on the data, the whole-step call (§1.6). */
function codePreview(op: string, params: Record<string, unknown>, inputSchema: Schema | 'dynamic' | null): string {
  return inputSchema === null || inputSchema === 'dynamic' ? mdCall(op, params) : getPrimitive(op)!.render(params, inputSchema).js;
}

/** The columns a validated step reads or writes (`target_columns`, API.md §9.1). */
export function targetColumns(op: string, params: Record<string, unknown>): string[] {
  return [...new Set(getPrimitive(op)?.columns(params).map((c) => c.column) ?? [])];
}

export function stepNotFound(stepNumber: number, count: number): AppError {
  return new AppError('STEP_NOT_FOUND', `Step ${stepNumber} not found: the plan has ${count} step(s).`, {
    suggestion: 'See the plan with GET /api/v1/sessions/{id}/plan.',
    details: { step_number: stepNumber, step_count: count },
  });
}


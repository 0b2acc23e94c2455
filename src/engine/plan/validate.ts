import type { z } from 'zod';
import { suggestName } from '../values/suggest.js';
import { OLDER_NAMES } from './older-names.js';
import { getPrimitive } from './registry.js';
import type { CheckContext, PlanError, Primitive, Problem, RunContext, Schema, Step } from './types.js';

export interface ValidatedStep {
  index: number;
  primitive: Primitive;
  /** Normalized params: the zod parse result. */
  params: Record<string, unknown>;
  /** The columns the step receives: known, 'dynamic' (they depend on the data), or null after an earlier error. */
  inputSchema: Schema | 'dynamic' | null;
}

export interface Validation {
  errors: PlanError[];
  steps: ValidatedStep[];
  /** The output schema of the whole plan, or 'dynamic' / null (unknown after an error). */
  schema: Schema | 'dynamic' | null;
}

const quoteList = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

function paramPath(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** zod issues → INVALID_PARAM (or INVALID_REGEX) errors, one per problem, in the §1.3 wording. */
function paramErrors(index: number, primitive: Primitive, error: z.ZodError): PlanError[] {
  const allowed = Object.keys((primitive.params as unknown as { shape?: Record<string, unknown> }).shape ?? {});
  return error.issues.flatMap((issue) => {
    const base = { step_index: index, op: primitive.name };
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        ...base,
        code: 'INVALID_PARAM' as const,
        param: paramPath([...issue.path, key]),
        message: `Step ${index + 1} (${primitive.name}): unknown parameter "${key}". Allowed: ${allowed.join(', ')}.`,
      }));
    }
    const param = paramPath(issue.path);
    const planCode = (issue as { params?: { code?: string } }).params?.code === 'INVALID_REGEX' ? 'INVALID_REGEX' : 'INVALID_PARAM';
    return [{ ...base, code: planCode, param, message: `Step ${index + 1} (${primitive.name})${param ? ` ${param}` : ''}: ${issue.message}` } as PlanError];
  });
}

export function problemToError(index: number, op: string, problem: Problem, schema: Schema): PlanError {
  const prefix = `Step ${index + 1} (${op})${problem.param ? ` ${problem.param}` : ''}: `;
  const error: PlanError = { code: problem.code, step_index: index, op, param: problem.param, message: prefix + problem.message };
  if (problem.code === 'COLUMN_NOT_FOUND' || problem.code === 'COLUMN_EXISTS' || problem.code === 'TYPE_MISMATCH') {
    error.columns = problem.columns ? [...problem.columns] : schema.map((c) => c.name);
  }
  if (problem.missingColumn !== undefined) {
    const suggestion = suggestName(problem.missingColumn, error.columns ?? []);
    if (suggestion) error.suggestion = suggestion;
  }
  if (problem.tables) error.tables = problem.tables;
  return error;
}

/** Column and table references, then the primitive's own checks, against this step's input schema (§1.3 check 4). */
export function referenceProblems(primitive: Primitive, params: Record<string, unknown>, schema: Schema, ctx: RunContext): Problem[] {
  const names = new Set(schema.map((c) => c.name));
  const problems: Problem[] = [];
  for (const ref of primitive.columns(params)) {
    if (!names.has(ref.column)) {
      const suggestion = suggestName(ref.column, schema.map((c) => c.name));
      problems.push({
        code: 'COLUMN_NOT_FOUND',
        param: ref.param,
        missingColumn: ref.column,
        message: `column "${ref.column}" does not exist. Existing columns: ${quoteList(schema.map((c) => c.name))}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      });
    }
  }
  const attached = ctx.tables ?? [];
  for (const ref of primitive.tables?.(params) ?? []) {
    if (!attached.some((t) => t.id === ref.table || t.name === ref.table)) {
      const names = attached.map((t) => t.name);
      problems.push({ code: 'TABLE_NOT_FOUND', param: ref.param, tables: names, message: `no attached table "${ref.table}". Attached tables: ${names.length ? quoteList(names) : '(none)'}.` });
    }
  }
  if (problems.length > 0) return problems;
  const context: CheckContext = { schema, ctx };
  return primitive.check?.(params, context) ?? [];
}

/** Writes `value` at a params path such as `right_table` or `other_tables[0]`, copying what it changes. */
function setAtPath(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  const write = (node: unknown, i: number): unknown => {
    const key = /^\d+$/.test(keys[i]) ? Number(keys[i]) : keys[i];
    const copy: any = Array.isArray(node) ? [...node] : { ...(node as object) };
    copy[key] = i === keys.length - 1 ? value : write(copy[key], i + 1);
    return copy;
  };
  return write(target, 0) as Record<string, unknown>;
}

/** Recorded steps name attached tables by id (§1.1): a later table attached under the same name changes nothing. */
function withTableIds(primitive: Primitive, params: Record<string, unknown>, ctx: RunContext): Record<string, unknown> {
  let result = params;
  for (const ref of primitive.tables?.(params) ?? []) {
    const table = ctx.tables?.find((t) => t.id === ref.table) ?? ctx.tables?.find((t) => t.name === ref.table);
    if (table && table.id !== ref.table) result = setAtPath(result, ref.param, table.id);
  }
  return result;
}

/** Checks a whole plan before any data moves; returns every error it finds, in step order (§1.3). */
export function validatePlan(steps: unknown, inputSchema: Schema, ctx: RunContext = {}): Validation {
  const errors: PlanError[] = [];
  const validated: ValidatedStep[] = [];
  if (!Array.isArray(steps)) {
    return { errors: [{ code: 'INVALID_PLAN', step_index: 0, op: null, param: null, message: 'A plan is a list of steps.' }], steps: [], schema: null };
  }
  let schema: Schema | 'dynamic' | null = inputSchema;
  steps.forEach((raw, index) => {
    const step = raw as Step;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || typeof step.op !== 'string') {
      errors.push({ code: 'INVALID_PLAN', step_index: index, op: null, param: null, message: `Step ${index + 1}: a step is an object {op, params}.` });
      schema = null;
      return;
    }
    const extra = Object.keys(raw).filter((k) => k !== 'op' && k !== 'params');
    const params = step.params === undefined ? {} : step.params;
    if (extra.length > 0 || typeof params !== 'object' || params === null || Array.isArray(params)) {
      const message = extra.length > 0 ? `unknown key "${extra[0]}" on the step (only op and params are allowed).` : 'params must be an object.';
      errors.push({ code: 'INVALID_PLAN', step_index: index, op: step.op, param: null, message: `Step ${index + 1} (${step.op}): ${message}` });
      schema = null;
      return;
    }
    const primitive = getPrimitive(step.op);
    if (!primitive) {
      const hint = OLDER_NAMES[step.op];
      errors.push({ code: 'UNKNOWN_OP', step_index: index, op: step.op, param: null, message: `Step ${index + 1}: unknown operation "${step.op}".${hint ? ` ${hint}` : ''}` });
      schema = null;
      return;
    }
    const parsed = primitive.params.safeParse(params);
    if (!parsed.success) {
      errors.push(...paramErrors(index, primitive, parsed.error));
      schema = null;
      return;
    }
    const normalized = withTableIds(primitive, parsed.data as Record<string, unknown>, ctx);
    validated.push({ index, primitive, params: normalized, inputSchema: schema });
    if (schema === null || schema === 'dynamic') {
      schema = schema === 'dynamic' ? 'dynamic' : null;
      return;
    }
    const problems = referenceProblems(primitive, normalized, schema, ctx);
    if (problems.length > 0) {
      const current: Schema = schema;
      errors.push(...problems.map((p) => problemToError(index, primitive.name, p, current)));
      schema = null;
      return;
    }
    schema = primitive.outputSchema(normalized, { schema, ctx });
  });
  return { errors, steps: validated, schema };
}

import type { z } from 'zod';
import type { ColumnSchema, DataTable } from '../table.js';

/** The engine contract of PRIMITIVES.md §1: plans, errors, warnings, step records, run results. */
export type Category = 'rows' | 'columns' | 'format' | 'text' | 'calculate' | 'tables' | 'groups' | 'dates' | 'quality';
export const CATEGORIES: readonly Category[] = ['rows', 'columns', 'format', 'text', 'calculate', 'tables', 'groups', 'dates', 'quality'];

export type PlanErrorCode =
  | 'INVALID_PLAN'
  | 'UNKNOWN_OP'
  | 'INVALID_PARAM'
  | 'INVALID_REGEX'
  | 'COLUMN_NOT_FOUND'
  | 'COLUMN_EXISTS'
  | 'TABLE_NOT_FOUND'
  | 'TYPE_MISMATCH'
  | 'STEP_FAILED'
  | 'LIMIT_EXCEEDED';

/** `{ code, step_index, op, param, message, columns?, tables?, suggestion? }` (§1.3). */
export interface PlanError {
  code: PlanErrorCode;
  step_index: number;
  op: string | null;
  param: string | null;
  message: string;
  columns?: string[];
  tables?: string[];
  suggestion?: string;
}

/** A problem a primitive reports about its own parameters; the framework adds the step, op and column lists. */
export interface Problem {
  code: PlanErrorCode;
  param: string | null;
  /** The text after `Step <n> (<op>) <param>: `. */
  message: string;
  /** For a missing column: the name asked for (the framework adds the existing columns and a suggestion). */
  missingColumn?: string;
  /** The columns that do exist, when they are not the step input's (a column of an attached table). */
  columns?: readonly string[];
  tables?: string[];
}

export type WarningCode =
  | 'COLUMNS_SKIPPED'
  | 'VALUES_NULLED'
  | 'VALUES_ROUNDED'
  | 'DATES_UNPARSED'
  | 'PHONES_UNFORMATTED'
  | 'TYPE_WIDENED'
  | 'DIVIDE_BY_ZERO'
  | 'KEYS_COMPARED_AS_TEXT'
  | 'DEFAULT_AGG_SKIPPED';

export interface Warning {
  code: WarningCode;
  message: string;
  column?: string;
  count?: number;
  /** At most 5 distinct original texts, in row order. */
  samples?: string[];
}

export interface AttachedTable {
  id: string;
  name: string;
  hash: string;
  table: DataTable;
}

export interface RunContext {
  /** Tables attached to the session (`TableAttached`), referenced by id or name. */
  tables?: readonly AttachedTable[];
  /** The reference instant fixed by the command (ISO-8601, UTC). */
  now?: string;
  limits?: { maxRows?: number; maxCells?: number };
}

export type Schema = readonly ColumnSchema[];

/** What a primitive knows while checking: this step's input schema and the run context. */
export interface CheckContext {
  schema: Schema;
  ctx: RunContext;
}

export interface StepOutput {
  table: DataTable;
  warnings?: Warning[];
  metadata?: Record<string, unknown>;
}

/** A column named by a parameter; `param` is the path into params (`conditions[0].column`). */
export interface ColumnRef {
  param: string;
  column: string;
}

export interface TableRef {
  param: string;
  table: string;
}

export interface RenderedStep {
  js: string;
  sql: string | null;
}

/**
 * One primitive of the catalogue, registered once. `params` is a strict zod schema whose parse result is the
 * normalized params (defaults written out, aliases resolved, single columns wrapped in lists).
 */
export interface Primitive<P = any> {
  name: string;
  title: string;
  category: Category;
  description: string;
  params: z.ZodType<P>;
  rowsMayChange: boolean;
  colsMayChange: boolean;
  needsSeed?: boolean;
  needsReferenceDate?: boolean;
  /** Parameters that take an attached table. */
  tableParams?: readonly string[];
  /** Columns the params name, checked against this step's input schema (COLUMN_NOT_FOUND). */
  columns(params: P): ColumnRef[];
  /** Tables the params name (TABLE_NOT_FOUND when one does not resolve). */
  tables?(params: P): TableRef[];
  /** Further checks once the columns exist: types, value conversions, output name collisions. */
  check?(params: P, context: CheckContext): Problem[];
  /** The output schema, or 'dynamic' when names or types depend on the data. */
  outputSchema(params: P, context: CheckContext): Schema | 'dynamic';
  run(table: DataTable, params: P, ctx: RunContext): StepOutput;
  /** Code for the step (§1.6); `ctx` (optional) gives the attached tables' schemas to SQL renderings that need them. */
  render(params: P, schema: Schema, ctx?: RunContext): RenderedStep;
  /** Plain words for the step, e.g. "keep rows where age >= 18" (code comments, node labels). */
  summary(params: P): string;
  examples: { prompt: string; params: Record<string, unknown> }[];
}

export interface Step {
  op: string;
  params?: Record<string, unknown>;
}

export interface StepRecord {
  index: number;
  op: string;
  params: Record<string, unknown>;
  ok: boolean;
  rows_before: number;
  rows_after: number | null;
  cols_before: number;
  cols_after: number | null;
  columns_added: string[];
  columns_removed: string[];
  warnings: Warning[];
  metadata: Record<string, unknown>;
  duration_ms: number;
  error: PlanError | null;
}

export interface RunResult {
  ok: boolean;
  table: DataTable;
  steps: StepRecord[];
  error: PlanError | null;
  errors: PlanError[];
  rows_before: number;
  rows_after: number;
  duration_ms: number;
  engine_version: string;
}

import { z } from 'zod';
import { column, scalar } from '../plan/param-types.js';
import { regexError } from '../values/regex.js';

/** The Condition object of PRIMITIVES.md §3.1: one dialect for filter_rows, conditional_value and case_when. */
export const OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'between', 'contains', 'startswith', 'endswith', 'regex', 'isnull', 'notnull'] as const;
export type Operator = (typeof OPERATORS)[number];
export type Scalar = string | number | boolean | null;

/** Operators whose value is converted to the column's type (§3.3). */
export const TYPED_OPERATORS: ReadonlySet<Operator> = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'between']);
/** Operators that read `text(x)` whatever the column's type (§3.2). */
export const TEXT_OPERATORS: ReadonlySet<Operator> = new Set(['contains', 'startswith', 'endswith', 'regex']);
const LIST_OPERATORS: ReadonlySet<Operator> = new Set(['in', 'not_in', 'between']);

/** The normalized condition every evaluator and renderer works on (the compared value always under `value`). */
export interface Condition {
  column: string;
  operator: Operator;
  value?: Scalar | Scalar[];
  case_sensitive: boolean;
  match_null: boolean;
}

export type ValueKey = 'value' | 'compare_value';

type Issue = { path: (string | number)[]; message: string; code?: 'INVALID_REGEX' };

/** Cross-field rules of §3.2 for the compared value, as issues relative to the condition object. */
export function valueIssues(operator: Operator, value: unknown, valueKey: ValueKey): Issue[] {
  if (operator === 'isnull' || operator === 'notnull') return [];
  const at = (i?: number): (string | number)[] => (i === undefined ? [valueKey] : [valueKey, i]);
  if (value === undefined) return [{ path: at(), message: `operator "${operator}" requires a value` }];
  if (value === null) return [{ path: at(), message: `must not be null for operator "${operator}" (use "isnull")` }];
  if (LIST_OPERATORS.has(operator)) {
    const list = Array.isArray(value) ? value : operator === 'between' ? null : [value];
    if (operator === 'between' && (list === null || list.length !== 2)) return [{ path: at(), message: 'operator "between" takes a list [low, high]' }];
    if (list!.length === 0) return [{ path: at(), message: `operator "${operator}" needs at least one value` }];
    const nulls = list!.flatMap((v, i) => (v === null ? [{ path: at(i), message: 'must not be null' }] : []));
    if (nulls.length > 0) return nulls;
    const [low, high] = list as Scalar[];
    // Mixed spellings ("5" and 10) are compared once converted to the column's type (conditionProblems).
    if (operator === 'between' && typeof low === typeof high && (typeof low === 'number' || typeof low === 'boolean') && (low as number) > (high as number)) {
      return [{ path: at(), message: 'low must not be greater than high' }];
    }
    return [];
  }
  if (Array.isArray(value)) return [{ path: at(), message: `operator "${operator}" takes a single value, not a list` }];
  if (TEXT_OPERATORS.has(operator)) {
    if (typeof value === 'boolean') return [{ path: at(), message: `operator "${operator}" takes text` }];
    if (value === '' && operator !== 'regex') return [{ path: at(), message: `operator "${operator}" takes non-empty text` }];
    if (operator === 'regex') {
      const message = regexError(String(value));
      if (message) return [{ path: at(), message: `invalid regular expression: ${message}`, code: 'INVALID_REGEX' }];
    }
  }
  return [];
}

export interface ConditionSchemaOptions {
  /** The key of the compared value: `value`, or `compare_value` in conditional_value. */
  valueKey?: ValueKey;
  /** `case_when` defaults the operator to "eq". */
  defaultOperator?: Operator;
  /** Further keys of the item (conditional_value's result `value`). */
  extra?: z.ZodRawShape;
}

/** A strict Condition schema; `in`/`not_in` with a scalar is normalized to a one-element list. */
export function makeConditionSchema(options: ConditionSchemaOptions = {}) {
  const valueKey = options.valueKey ?? 'value';
  const operator = options.defaultOperator ? z.enum(OPERATORS).default(options.defaultOperator) : z.enum(OPERATORS);
  const shape = {
    column,
    operator,
    [valueKey]: z.union([scalar, z.array(scalar)]).optional(),
    case_sensitive: z.boolean().default(false),
    match_null: z.boolean().default(false),
    ...(options.extra ?? {}),
  };
  return z
    .strictObject(shape)
    .superRefine((c, ctx) => {
      const item = c as Record<string, unknown>;
      for (const issue of valueIssues(item.operator as Operator, item[valueKey], valueKey)) {
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, ...(issue.code ? { params: { code: issue.code } } : {}) });
      }
    })
    .transform((c) => {
      const item = c as Record<string, unknown>;
      const v = item[valueKey];
      if ((item.operator === 'in' || item.operator === 'not_in') && v !== undefined && !Array.isArray(v)) return { ...item, [valueKey]: [v] };
      return item;
    });
}

export const conditionSchema = makeConditionSchema() as unknown as z.ZodType<Condition>;
/** `case_when`: the operator defaults to "eq". */
export const caseWhenConditionSchema = makeConditionSchema({ defaultOperator: 'eq' }) as unknown as z.ZodType<Condition>;
/** `conditional_value`: the compared value is spelled `compare_value` (add the result `value` with `makeConditionSchema`). */
export const compareValueConditionSchema = makeConditionSchema({ valueKey: 'compare_value' }) as unknown as z.ZodType<Omit<Condition, 'value'> & { compare_value?: Scalar | Scalar[] }>;

/** A condition item with its compared value under another key, as a normalized Condition. */
export function asCondition(item: Record<string, unknown>, valueKey: ValueKey = 'value'): Condition {
  return {
    column: item.column as string,
    operator: item.operator as Operator,
    value: item[valueKey] as Scalar | Scalar[] | undefined,
    case_sensitive: (item.case_sensitive as boolean | undefined) ?? false,
    match_null: (item.match_null as boolean | undefined) ?? false,
  };
}

/**
 * Aggregate functions (PRIMITIVES.md §2.11), shared by `aggregate`, `merge_duplicates` and `pivot`.
 * Evaluation is grouped: rows carry a group id (0 … groupCount − 1) and every function runs in one pass over the
 * rows in row order, with typed arrays for the accumulators, so a 1M-row table aggregates without per-row objects.
 */
import { z } from 'zod';
import { ident } from '../plan/render-helpers.js';
import type { Problem } from '../plan/types.js';
import { datetimeFormOf, textOf, type CellValue, type ColumnType } from '../table.js';
import { normalizeFloat } from './numbers.js';
import { compareText } from './order.js';
import { groupRows } from './row-groups.js';

export const AGG_FUNCTIONS = ['sum', 'mean', 'median', 'min', 'max', 'count', 'size', 'nunique', 'first', 'last', 'std', 'var', 'concat'] as const;
export type AggFunction = (typeof AGG_FUNCTIONS)[number];

/** Accepted spellings: the functions plus the alias `avg` (→ `mean`). */
export const AGG_NAMES: readonly string[] = [...AGG_FUNCTIONS.slice(0, 2), 'avg', ...AGG_FUNCTIONS.slice(2)];
const ALIASES: Record<string, AggFunction> = { avg: 'mean' };

const NUMERIC_ONLY = new Set<AggFunction>(['sum', 'mean', 'median', 'std', 'var']);

/** The function a spelling names (`avg` → `mean`), or null when unknown. */
export function resolveAgg(name: string): AggFunction | null {
  if (Object.hasOwn(ALIASES, name)) return ALIASES[name];
  return (AGG_FUNCTIONS as readonly string[]).includes(name) ? (name as AggFunction) : null;
}

export const unknownAggMessage = (name: string, allowed: readonly string[] = AGG_NAMES): string =>
  `unknown aggregate function "${name}". Allowed: ${allowed.join(', ')}.`;

/** A function name as written in a plan; INVALID_PARAM listing the allowed names when unknown. Keeps the spelling. */
export const aggSpelling = z.string().superRefine((name, ctx) => {
  if (resolveAgg(name) === null) ctx.addIssue({ code: 'custom', message: unknownAggMessage(name) });
});

/** A function name normalized for recorded plans (§1.1: `avg` → `mean`). */
export const aggFunction = aggSpelling.transform((name) => resolveAgg(name)!);

/** Only some functions (e.g. `pivot`'s aggfunc, `merge_duplicates`' default_agg): an enum with the allowed-names message. */
export function aggSubset<const T extends readonly AggFunction[]>(allowed: T) {
  return z.string().superRefine((name, ctx) => {
    if (!allowed.includes(name as AggFunction)) ctx.addIssue({ code: 'custom', message: unknownAggMessage(name, allowed) });
  }) as unknown as z.ZodType<T[number]>;
}

const isNumericType = (type: ColumnType) => type === 'integer' || type === 'float';

/** Whether the function accepts a column of this type (numeric functions need integer or float). */
export function aggSuits(fn: AggFunction, type: ColumnType): boolean {
  return !NUMERIC_ONLY.has(fn) || isNumericType(type);
}

/** TYPE_MISMATCH for a numeric function on a string, boolean or datetime column; null when it suits. */
export function aggTypeProblem(fn: AggFunction | string, column: string, type: ColumnType, param: string | null): Problem | null {
  const resolved = resolveAgg(fn);
  if (resolved === null || aggSuits(resolved, type)) return null;
  return {
    code: 'TYPE_MISMATCH',
    param,
    message: `${fn} needs an integer or float column, but column "${column}" is ${type}.`,
  };
}

/** The result column's type (§2.11 table). */
export function aggResultType(fn: AggFunction, type: ColumnType): ColumnType {
  switch (fn) {
    case 'sum':
    case 'min':
    case 'max':
    case 'first':
    case 'last':
      return type;
    case 'mean':
    case 'median':
    case 'std':
    case 'var':
      return 'float';
    case 'count':
    case 'size':
    case 'nunique':
      return 'integer';
    case 'concat':
      return 'string';
  }
}

export type { Groups } from './row-groups.js';

/**
 * Assigns group ids by key equality (§2.9: typed values, `1` = `1.0`, null equals null), in order of first
 * appearance. No key columns → every row in group 0, and one group even when there are no rows (`aggregate` with
 * `group_by: []`).
 */
export const assignGroups = groupRows;

/** Typed "less than" for values of one column type (nulls never reach it). */
function lessFor(type: ColumnType): (a: CellValue, b: CellValue) => boolean {
  switch (type) {
    case 'integer':
    case 'float':
      return (a, b) => (a as number) < (b as number);
    case 'string':
      return (a, b) => compareText(a as string, b as string) < 0;
    case 'boolean':
      return (a, b) => a === false && b === true;
    case 'datetime':
      return (a, b) => (a as Date).getTime() < (b as Date).getTime();
  }
}

const floats = (acc: Float64Array): CellValue[] => Array.from(acc, (x) => normalizeFloat(x));

/**
 * Computes `fn` over `values` for each group in one pass, nulls skipped unless stated (§2.11). `ids[r]` is the
 * group of row r; the result has one entry per group. Numeric functions expect a numeric column (validate first).
 */
export function aggregateGroups(fn: AggFunction, values: readonly CellValue[], type: ColumnType, ids: Int32Array, groupCount: number): CellValue[] {
  const rows = ids.length;
  switch (fn) {
    case 'size': {
      const n = new Array<number>(groupCount).fill(0);
      for (let r = 0; r < rows; r++) n[ids[r]]++;
      return n;
    }
    case 'count': {
      const n = new Array<number>(groupCount).fill(0);
      for (let r = 0; r < rows; r++) if (values[r] !== null) n[ids[r]]++;
      return n;
    }
    case 'sum': {
      const sum = new Float64Array(groupCount);
      for (let r = 0; r < rows; r++) {
        const v = values[r];
        if (v !== null) sum[ids[r]] += v as number;
      }
      // Integer sums are exact; float sums are computed floats (§2.5). No values → 0.
      return type === 'integer' ? Array.from(sum) : floats(sum);
    }
    case 'mean': {
      const sum = new Float64Array(groupCount);
      const n = new Int32Array(groupCount);
      for (let r = 0; r < rows; r++) {
        const v = values[r];
        if (v !== null) {
          sum[ids[r]] += v as number;
          n[ids[r]]++;
        }
      }
      return Array.from(sum, (s, g) => (n[g] === 0 ? null : normalizeFloat(s / n[g])));
    }
    case 'var':
    case 'std': {
      // Two passes (mean, then squared deviations) for accuracy; sample variance (n − 1).
      const sum = new Float64Array(groupCount);
      const n = new Int32Array(groupCount);
      for (let r = 0; r < rows; r++) {
        const v = values[r];
        if (v !== null) {
          sum[ids[r]] += v as number;
          n[ids[r]]++;
        }
      }
      const mean = sum.map((s, g) => (n[g] === 0 ? 0 : s / n[g]));
      const sq = new Float64Array(groupCount);
      for (let r = 0; r < rows; r++) {
        const v = values[r];
        if (v !== null) {
          const d = (v as number) - mean[ids[r]];
          sq[ids[r]] += d * d;
        }
      }
      return Array.from(sq, (s, g) => {
        if (n[g] < 2) return null;
        const variance = s / (n[g] - 1);
        return normalizeFloat(fn === 'var' ? variance : Math.sqrt(variance));
      });
    }
    case 'median': {
      const lists: number[][] = Array.from({ length: groupCount }, () => []);
      for (let r = 0; r < rows; r++) {
        const v = values[r];
        if (v !== null) lists[ids[r]].push(v as number);
      }
      return lists.map((list) => {
        if (list.length === 0) return null;
        list.sort((a, b) => a - b);
        const mid = list.length >> 1;
        return normalizeFloat(list.length % 2 === 1 ? list[mid] : (list[mid - 1] + list[mid]) / 2);
      });
    }
    case 'min':
    case 'max': {
      const less = lessFor(type);
      const best = new Array<CellValue>(groupCount).fill(null);
      for (let r = 0; r < rows; r++) {
        const v = values[r];
        if (v === null) continue;
        const g = ids[r];
        const b = best[g];
        if (b === null || (fn === 'min' ? less(v, b) : less(b, v))) best[g] = v;
      }
      return best;
    }
    case 'first': {
      const out = new Array<CellValue>(groupCount).fill(null);
      for (let r = 0; r < rows; r++) {
        const v = values[r];
        if (v !== null && out[ids[r]] === null) out[ids[r]] = v;
      }
      return out;
    }
    case 'last': {
      const out = new Array<CellValue>(groupCount).fill(null);
      for (let r = 0; r < rows; r++) if (values[r] !== null) out[ids[r]] = values[r];
      return out;
    }
    case 'nunique': {
      const seen: (Set<unknown> | undefined)[] = new Array(groupCount);
      for (let r = 0; r < rows; r++) {
        const v = values[r];
        if (v === null) continue;
        const g = ids[r];
        (seen[g] ??= new Set()).add(v instanceof Date ? v.getTime() : v);
      }
      return Array.from(seen, (s) => s?.size ?? 0);
    }
    case 'concat': {
      const form = type === 'datetime' ? datetimeFormOf(values) : undefined;
      const parts: (string[] | undefined)[] = new Array(groupCount);
      for (let r = 0; r < rows; r++) {
        const v = values[r];
        if (v === null) continue;
        (parts[ids[r]] ??= []).push(textOf(v, type, form)!);
      }
      return Array.from(parts, (p) => (p ? p.join(', ') : null));
    }
  }
}

/** The aggregate of a whole column (one group). */
export function aggregateColumn(fn: AggFunction, values: readonly CellValue[], type: ColumnType): CellValue {
  return aggregateGroups(fn, values, type, new Int32Array(values.length), 1)[0];
}

/** SQL for a float computed by PostgreSQL, cut to 15 significant digits like normalizeFloat (§2.5). */
export function sqlNormalizedFloat(expr: string): string {
  const v = `(${expr})::numeric`;
  return `(CASE WHEN ${v} = 0 THEN 0 ELSE ROUND(${v}, 14 - FLOOR(LOG(ABS(${v})))::int) END)::float8`;
}

/**
 * The PostgreSQL aggregate expression for `fn` over a column of an input that carries "_row" (row order), or null
 * when PostgreSQL would print the result differently (concat of floats or datetimes).
 */
export function aggSql(fn: AggFunction, column: string, type: ColumnType): string | null {
  const c = ident(column);
  const nonNull = `FILTER (WHERE ${c} IS NOT NULL)`;
  switch (fn) {
    case 'sum':
      return type === 'integer' ? `COALESCE(SUM(${c}), 0)` : sqlNormalizedFloat(`COALESCE(SUM(${c}::numeric), 0)`);
    case 'mean':
      return sqlNormalizedFloat(`AVG(${c}::numeric)`);
    case 'median':
      return sqlNormalizedFloat(`PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY ${c})`);
    case 'std':
      return sqlNormalizedFloat(`STDDEV_SAMP(${c}::numeric)`);
    case 'var':
      return sqlNormalizedFloat(`VAR_SAMP(${c}::numeric)`);
    case 'min':
    case 'max':
      if (type === 'boolean') return `${fn === 'min' ? 'BOOL_AND' : 'BOOL_OR'}(${c})`;
      return `${fn.toUpperCase()}(${c}${type === 'string' ? ' COLLATE "C"' : ''})`;
    case 'count':
      return `COUNT(${c})`;
    case 'size':
      return 'COUNT(*)';
    case 'nunique':
      return `COUNT(DISTINCT ${c})`;
    case 'first':
    case 'last':
      return `(ARRAY_AGG(${c} ORDER BY "_row"${fn === 'last' ? ' DESC' : ''}) ${nonNull})[1]`;
    case 'concat':
      if (type === 'float' || type === 'datetime') return null;
      return `STRING_AGG(${c}::text, ', ' ORDER BY "_row")`;
  }
}

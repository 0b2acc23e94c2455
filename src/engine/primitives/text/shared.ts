/** Helpers shared by the text primitives (PRIMITIVES.md §4.4): every one works on `text(cell)`. */
import type { Problem, Schema } from '../../plan/types.js';
import { ident } from '../../plan/render-helpers.js';
import { columnTextRenderer, columnValues, type CellValue, type ColumnType, type DataTable } from '../../table.js';

import { columnExists } from '../quality/shared.js';

export { columnExists, oneColumn } from '../quality/shared.js';

/** Empty text does not exist (§2.1): an empty result is null. */
export const orNull = (text: string): string | null => (text === '' ? null : text);

/** Code points (§2.7), not UTF-16 units. */
export const codePoints = (text: string): string[] => Array.from(text);

/** Bounds the cache so a column of unique texts stays lean. */
const CACHE_LIMIT = 65_536;
/** After this many lookups the cache must have paid for itself (half of them hits) or it is dropped. */
const CACHE_PROBE = 4_096;

/**
 * Calls `fn` on the text form of every non-null cell and hands back one result per row; null cells give `onNull`.
 * Repeated values, the common case in real columns, cost one map lookup instead of a recomputation; on a column of
 * mostly unique texts the lookups would cost more than they save, so the cache switches itself off.
 * `fn` must not return `undefined` (it marks a cache miss).
 */
export function mapTexts<R>(dt: DataTable, name: string, fn: (text: string) => R, onNull: R): R[] {
  const index = dt.schema.findIndex((c) => c.name === name);
  const toText = columnTextRenderer(dt, index);
  const cells = columnValues(dt, name);
  const isText = dt.schema[index].type === 'string';
  let cache: Map<string, R> | null = new Map();
  let lookups = 0;
  let misses = 0;
  const out = new Array<R>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null) {
      out[i] = onNull;
      continue;
    }
    const text = isText ? (cell as string) : toText(cell)!;
    if (cache === null) {
      out[i] = fn(text);
      continue;
    }
    let result = cache.get(text);
    if (result === undefined) {
      result = fn(text);
      misses++;
      if (cache.size < CACHE_LIMIT) cache.set(text, result);
    }
    if (++lookups === CACHE_PROBE && misses * 2 > lookups) cache = null;
    out[i] = result;
  }
  return out;
}

export interface Rewritten {
  /** The column's new cells: the original (shared, never mutated) array when nothing changed. */
  values: CellValue[];
  type: ColumnType;
  /** Non-null cells whose text changed (becoming null included). */
  changed: number;
}

/**
 * Rewrites a column's text in place. A string column stays string; another column becomes string only when a cell
 * changes (`toString` forces it, for primitives whose result is always text), its other cells taking their text form.
 */
export function rewriteTexts(dt: DataTable, name: string, fn: (text: string) => string | null, toString = false): Rewritten {
  const index = dt.schema.findIndex((c) => c.name === name);
  const { type } = dt.schema[index];
  const cells = columnValues(dt, name);
  const toText = columnTextRenderer(dt, index);
  const results = mapTexts(dt, name, fn, null);
  let changed = 0;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i] !== null && results[i] !== (type === 'string' ? cells[i] : toText(cells[i]))) changed++;
  }
  if (changed === 0 && !(toString && type !== 'string')) return { values: cells as CellValue[], type, changed };
  return { values: results, type: 'string', changed };
}

/** Rule D (§2.8) for a new column that may also be written in place over the source column. */
export function newColumnProblems(param: string, name: string | null, source: string, schema: Schema): Problem[] {
  return name === null || name === source ? [] : columnExists(param, name, schema);
}

/**
 * The SQL text form of a column, where PostgreSQL prints it as `text()` does (§1.6): strings as they are, integers
 * and booleans cast; floats and datetimes print differently, so no SQL.
 */
export function sqlTextOf(name: string, schema: Schema): string | null {
  const type = schema.find((c) => c.name === name)?.type;
  if (type === 'string') return ident(name);
  if (type === 'integer' || type === 'boolean') return `${ident(name)}::text`;
  return null;
}

/** `SELECT <columns with replacements>, <appended>, "_row" FROM {input} ORDER BY "_row"` (§1.6). */
export function sqlSelect(schema: Schema, replaced: Record<string, string>, appended: [name: string, expr: string][] = []): string {
  const list = schema.map((c) => (Object.hasOwn(replaced, c.name) ? `${replaced[c.name]} AS ${ident(c.name)}` : ident(c.name)));
  for (const [name, expr] of appended) list.push(`${expr} AS ${ident(name)}`);
  return `SELECT ${list.join(', ')}, "_row" FROM {input} ORDER BY "_row"`;
}

export { SQL_WHITESPACE } from '../../plan/render-helpers.js';

export const quoteList = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/** A literal text as a pattern valid under the `u` flag (which rejects escapes of non-syntax characters such as `-`). */
export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A string column written in place (same position) or appended: the output schema of text-producing steps. */
export function withStringColumn(schema: Schema, name: string): Schema {
  return schema.some((c) => c.name === name)
    ? schema.map((c) => (c.name === name ? { name, type: 'string' as const } : c))
    : [...schema, { name, type: 'string' }];
}

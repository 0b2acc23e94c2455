import { ident, selectList } from '../../plan/render-helpers.js';
import type { ColumnRef, Problem, Schema } from '../../plan/types.js';
import { rowCount, type DataTable } from '../../table.js';
import { takeRows } from '../../table-ops.js';

/** Helpers shared by the rows primitives (PRIMITIVES.md §4.1). */

/**
 * A SELECT that keeps the input's columns and renumbers "_row" (§1.6) in `order` (default: the current order), for
 * steps that change the row count. `from` is the FROM clause body; `where` an optional filter.
 */
export function renumberedSql(schema: Schema, from: string, where?: string, order = '"_row"'): string {
  return `SELECT ${selectList(schema)}, ROW_NUMBER() OVER (ORDER BY ${order}) AS "_row" FROM ${from}${where ? ` WHERE ${where}` : ''} ORDER BY "_row"`;
}

/** The rows where `mask` is 1, in order. */
export function keepMasked(dt: DataTable, mask: Uint8Array): DataTable {
  const kept: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) kept.push(i);
  return kept.length === mask.length ? dt : takeRows(dt, kept);
}

/** Rows `start … end − 1` (clamped), in order. */
export function rowRange(dt: DataTable, start: number, end: number): DataTable {
  const n = rowCount(dt);
  const from = Math.min(Math.max(0, start), n);
  const to = Math.min(Math.max(from, end), n);
  if (from === 0 && to === n) return dt;
  return takeRows(dt, Array.from({ length: to - from }, (_, i) => from + i));
}

/** Rule D (§2.8): an output column must not already exist. */
export function columnExists(param: string, name: string, schema: Schema): Problem[] {
  return schema.some((c) => c.name === name) ? [{ code: 'COLUMN_EXISTS', param, message: `column "${name}" already exists.` }] : [];
}

export const listRefs = (columns: readonly string[] | null, param: string): ColumnRef[] => (columns ?? []).map((column, i) => ({ param: `${param}[${i}]`, column }));

export const identList = (columns: readonly string[]) => columns.map(ident).join(', ');

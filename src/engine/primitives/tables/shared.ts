/**
 * Attached tables (§1.2) and key comparison for joins and lookups (§4.6), shared by the tables primitives.
 */
import { z } from 'zod';
import { StepFailure } from '../../plan/step-failure.js';
import type { AttachedTable, Problem, RunContext, Warning } from '../../plan/types.js';
import { columnValues, datetimeFormOf, textOf, type CellValue, type ColumnType, type DataTable } from '../../table.js';
import { keyOf } from '../../values/order.js';
import { suggestName } from '../../values/suggest.js';

/** `table`: a reference to an attached table, by id or name (resolved against ctx.tables). */
export const tableRef = z.string().min(1, 'must name an attached table');

/** Ids first, then names (exact, case-sensitive). */
export function findTable(ctx: RunContext | undefined, ref: string): AttachedTable | undefined {
  const tables = ctx?.tables ?? [];
  return tables.find((t) => t.id === ref) ?? tables.find((t) => t.name === ref);
}

/** The attached table at run time; validation has already reported TABLE_NOT_FOUND. */
export function attachedTable(ctx: RunContext, ref: string, param: string): DataTable {
  const found = findTable(ctx, ref);
  if (!found) throw new StepFailure('TABLE_NOT_FOUND', `no attached table "${ref}".`, param);
  return found.table;
}

const quoteList = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** COLUMN_NOT_FOUND for a column of an attached table; the message lists that table's columns. */
export function attachedColumnProblems(table: AttachedTable, refs: readonly { param: string; column: string }[]): Problem[] {
  const names = table.table.schema.map((c) => c.name);
  return refs
    .filter((ref) => !names.includes(ref.column))
    .map((ref) => {
      const suggestion = suggestName(ref.column, names);
      return {
        code: 'COLUMN_NOT_FOUND' as const,
        param: ref.param,
        missingColumn: ref.column,
        columns: names,
        message: `column "${ref.column}" does not exist in table "${table.name}". Existing columns: ${quoteList(names)}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      };
    });
}

const isNumber = (t: ColumnType) => t === 'integer' || t === 'float';

/** Keys of the same type, or integer with float, compare as values; any other pair compares by text form. */
export const comparesAsText = (a: ColumnType, b: ColumnType): boolean => a !== b && !(isNumber(a) && isNumber(b));

export interface KeySide {
  table: DataTable;
  columns: readonly string[];
}

/**
 * Per-row join keys of both sides: a string under which equal keys meet, or null when any part is null (a null key
 * never matches anything). Pairs of different kinds compare by text form (each side's own datetime form), with one
 * KEYS_COMPARED_AS_TEXT warning per such pair.
 */
export function joinKeys(left: KeySide, right: KeySide): { left: (string | null)[]; right: (string | null)[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const asText = left.columns.map((lc, i) => {
    const lt = left.table.schema.find((c) => c.name === lc)!.type;
    const rt = right.table.schema.find((c) => c.name === right.columns[i])!.type;
    const text = comparesAsText(lt, rt);
    if (text) {
      warnings.push({
        code: 'KEYS_COMPARED_AS_TEXT',
        column: lc,
        message: `Key "${lc}" (${lt}) and "${right.columns[i]}" (${rt}) have different types; they were compared by their text form.`,
      });
    }
    return text;
  });
  return { left: sideKeys(left, asText), right: sideKeys(right, asText), warnings };
}

function sideKeys(side: KeySide, asText: readonly boolean[]): (string | null)[] {
  const parts = side.columns.map((name, i) => {
    const values = columnValues(side.table, name);
    const type = side.table.schema.find((c) => c.name === name)!.type;
    if (!asText[i]) return values.map((v) => (v === null ? null : keyOf(v)));
    const form = type === 'datetime' ? datetimeFormOf(values) : undefined;
    return values.map((v: CellValue) => (v === null ? null : `s${textOf(v, type, form)}`));
  });
  const rows = side.table.table.numRows();
  if (parts.length === 1) return parts[0];
  const keys = new Array<string | null>(rows);
  for (let r = 0; r < rows; r++) {
    let key: string | null = '';
    for (const p of parts) {
      if (p[r] === null) {
        key = null;
        break;
      }
      key += (key ? '\u0001' : '') + p[r];
    }
    keys[r] = key;
  }
  return keys;
}

/** Row indices per key, in table order (null keys left out). */
export function indexKeys(keys: readonly (string | null)[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  keys.forEach((k, r) => {
    if (k === null) return;
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  });
  return map;
}

/** PostgreSQL type names for casts in renderings. */
export const PG_TYPE: Record<ColumnType, string> = { integer: 'bigint', float: 'float8', boolean: 'boolean', datetime: 'timestamp', string: 'text' };

/**
 * A column read as `to` in SQL when its values unify from `from` (§2.4), or null when PostgreSQL's text would differ
 * from text() (floats and datetimes as text).
 */
export function sqlCast(expr: string, from: ColumnType, to: ColumnType): string | null {
  if (from === to) return expr;
  if (to === 'string' && (from === 'float' || from === 'datetime')) return null;
  return `${expr}::${PG_TYPE[to]}`;
}

/**
 * The engine's table: an Arquero ColumnTable plus its schema (PRIMITIVES.md §2.1).
 * Every column has exactly one type and every cell is a value of that type or `null`;
 * the helpers here are the only place that knows how those values look as text (§2.2).
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

export type ColumnType = 'integer' | 'float' | 'boolean' | 'datetime' | 'string';

export interface ColumnSchema {
  name: string;
  type: ColumnType;
}

export interface DataTable {
  schema: ColumnSchema[];
  table: ColumnTable;
}

/** A cell as stored in a column: never `undefined`, `NaN` or `''` (empty text is null). */
export type CellValue = number | string | boolean | Date | null;

/** How a datetime column prints: decided once per column, never per value (§2.2). */
export interface DatetimeForm {
  hasTime: boolean;
  hasMs: boolean;
}

/**
 * Builds a DataTable from typed column arrays, in schema order. The column object has no
 * prototype (`aq.table()` copies into `{}`), so a column named `__proto__` stays a column.
 */
export function makeDataTable(schema: ColumnSchema[], columns: CellValue[][]): DataTable {
  if (columns.length !== schema.length) {
    throw new Error(`makeDataTable: ${schema.length} schema entries but ${columns.length} columns`);
  }
  const data: Record<string, CellValue[]> = Object.create(null);
  schema.forEach((column, i) => {
    data[column.name] = columns[i];
  });
  const names = schema.map((c) => c.name);
  return { schema: schema.map((c) => ({ ...c })), table: new aq.ColumnTable(data, names) };
}

export function rowCount(dt: DataTable): number {
  return dt.table.numRows();
}

export function columnNames(dt: DataTable): string[] {
  return dt.schema.map((c) => c.name);
}

/**
 * The values of one column in table order. Unfiltered, unordered tables hand out their
 * backing array without copying (callers must not mutate it); other tables are materialized.
 */
export function columnValues(dt: DataTable, name: string): readonly CellValue[] {
  const t = dt.table;
  const column = t.column(name);
  if (!column) throw new Error(`Unknown column: ${name}`);
  if (!t.isFiltered() && !t.isOrdered() && Array.isArray(column)) return column as CellValue[];
  return t.array(name) as CellValue[];
}

/** Looks at every non-null value: date-only, with time, or with milliseconds. */
export function datetimeFormOf(values: Iterable<CellValue>): DatetimeForm {
  let hasTime = false;
  let hasMs = false;
  for (const v of values) {
    if (!(v instanceof Date)) continue;
    const ms = v.getTime();
    const inDay = ((ms % 86_400_000) + 86_400_000) % 86_400_000;
    if (inDay !== 0) hasTime = true;
    if (inDay % 1000 !== 0) {
      hasMs = true;
      break; // milliseconds imply a time part; nothing more to learn
    }
  }
  return { hasTime, hasMs };
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

function yearText(y: number): string {
  if (y >= 0 && y <= 9999) return String(y).padStart(4, '0');
  return (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
}

export function datetimeText(d: Date, form: DatetimeForm): string {
  let s = `${yearText(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  if (!form.hasTime && !form.hasMs) return s;
  s += ` ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  if (form.hasMs) s += '.' + String(d.getUTCMilliseconds()).padStart(3, '0');
  return s;
}

/** Integers never print an exponent or `.0`; BigInt covers the (rare) values ≥ 1e21. */
export function integerText(v: number): string {
  if (v === 0) return '0'; // also -0
  return Math.abs(v) < 1e21 ? String(v) : BigInt(v).toString();
}

/** Shortest round-trip form (ECMAScript Number#toString); `-0` prints `0`. */
export function floatText(v: number): string {
  return v === 0 ? '0' : String(v);
}

/**
 * `text(v)` of §2.2. Datetimes need the column's form (date-only columns print `YYYY-MM-DD`);
 * without one a value prints with whatever precision it itself needs.
 */
export function textOf(value: CellValue, type: ColumnType, form?: DatetimeForm): string | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string':
      return String(value);
    case 'integer':
      return typeof value === 'number' ? integerText(value) : String(value);
    case 'float':
      return typeof value === 'number' ? floatText(value) : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'datetime':
      if (!(value instanceof Date)) return String(value);
      return datetimeText(value, form ?? datetimeFormOf([value]));
  }
}

/** A text renderer for one whole column (the datetime form computed once). */
export function columnTextRenderer(dt: DataTable, index: number): (v: CellValue) => string | null {
  const { name, type } = dt.schema[index];
  if (type === 'datetime') {
    const form = datetimeFormOf(columnValues(dt, name));
    return (v) => (v instanceof Date ? datetimeText(v, form) : null);
  }
  return (v) => textOf(v, type);
}

/** Rows `offset … offset + limit − 1` (clamped) as a new DataTable with the same schema. */
export function sliceRows(dt: DataTable, offset: number, limit: number): DataTable {
  const start = Math.max(0, Math.floor(offset));
  const end = start + Math.max(0, Math.floor(limit));
  return { schema: dt.schema.map((c) => ({ ...c })), table: dt.table.slice(start, end) };
}

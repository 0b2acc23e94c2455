/**
 * JSON-safe row records for previews, `/data?format=json` and profile samples: numbers stay
 * numbers, booleans stay booleans, datetimes become their column's text form (§2.2), null is null.
 * Datetime forms are decided over the whole column, so a page prints like the full CSV does.
 */
import {
  columnTextRenderer,
  columnValues,
  datetimeFormOf,
  datetimeText,
  type CellValue,
  type DataTable,
  type DatetimeForm,
} from './table.js';

export type JsonCell = string | number | boolean | null;
export type JsonRecord = Record<string, JsonCell>;

export interface RecordWindow {
  offset?: number;
  limit?: number;
}

export function toRecords(dt: DataTable, window: RecordWindow = {}): JsonRecord[] {
  const rows = dt.table.numRows();
  const start = Math.min(Math.max(0, Math.floor(window.offset ?? 0)), rows);
  const end = window.limit === undefined ? rows : Math.min(rows, start + Math.max(0, Math.floor(window.limit)));
  if (end <= start) return [];

  const getters = dt.schema.map((column, i) => {
    const values = columnValues(dt, column.name);
    if (column.type === 'datetime') {
      const text = columnTextRenderer(dt, i);
      return (r: number): JsonCell => text(values[r]);
    }
    return (r: number): JsonCell => jsonCell(values[r]);
  });

  const out: JsonRecord[] = [];
  for (let r = start; r < end; r++) {
    // fromEntries defines own properties, so a column named `__proto__` stays a column.
    out.push(Object.fromEntries(dt.schema.map((c, i) => [c.name, getters[i](r)])));
  }
  return out;
}

/** One value as JSON; datetimes need their column's form to print as the CSV does. */
export function jsonValue(v: CellValue | undefined, form?: DatetimeForm): JsonCell {
  if (v instanceof Date) return datetimeText(v, form ?? datetimeFormOf([v]));
  return jsonCell(v);
}

function jsonCell(v: CellValue | undefined): JsonCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
  if (v instanceof Date) return v.toISOString();
  return v;
}

/**
 * One pass over a column: a dictionary of its distinct non-null values (first appearance order,
 * with counts) and a per-row code (-1 for null). Everything else in the profile works from this:
 * value counts, top values, text checks over distinct values, and duplicate rows by comparing
 * codes instead of building a string key per row.
 */
import type { CellValue, ColumnType } from '../table.js';

export interface ColumnScan {
  name: string;
  type: ColumnType;
  rows: number;
  nullCount: number;
  /** distinct non-null values, in order of first appearance */
  distinct: CellValue[];
  counts: number[];
  /** per row: index into `distinct`, or -1 for null */
  codes: Int32Array;
}

/** Map key of a value: Dates by instant (two Date objects are never `===`). */
function keyOf(v: CellValue): string | number | boolean {
  return v instanceof Date ? v.getTime() : (v as string | number | boolean);
}

export function scanColumn(name: string, type: ColumnType, values: readonly CellValue[]): ColumnScan {
  const rows = values.length;
  const codes = new Int32Array(rows);
  const index = new Map<string | number | boolean, number>();
  const distinct: CellValue[] = [];
  const counts: number[] = [];
  let nullCount = 0;
  for (let r = 0; r < rows; r++) {
    const v = values[r];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
      codes[r] = -1;
      nullCount++;
      continue;
    }
    const key = keyOf(v);
    let code = index.get(key);
    if (code === undefined) {
      code = distinct.length;
      index.set(key, code);
      distinct.push(v);
      counts.push(0);
    }
    counts[code]++;
    codes[r] = code;
  }
  return { name, type, rows, nullCount, distinct, counts, codes };
}

/** Distinct codes ordered by count (descending), ties by first appearance. */
export function codesByFrequency(scan: ColumnScan): number[] {
  const order = scan.counts.map((_, i) => i);
  order.sort((a, b) => scan.counts[b] - scan.counts[a] || a - b);
  return order;
}

/** The first `limit` non-null values in row order. */
export function firstValues(scan: ColumnScan, limit: number): CellValue[] {
  const out: CellValue[] = [];
  for (let r = 0; r < scan.rows && out.length < limit; r++) {
    if (scan.codes[r] >= 0) out.push(scan.distinct[scan.codes[r]]);
  }
  return out;
}

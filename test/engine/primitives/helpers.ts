import { runPlan } from '../../../src/engine/plan/index.js';
import type { RunContext, RunResult } from '../../../src/engine/plan/types.js';
import { writeCsv } from '../../../src/engine/csv/index.js';
import { columnValues, makeDataTable, type CellValue, type ColumnType, type DataTable } from '../../../src/engine/table.js';

/** A typed table from a schema and rows: `table({ a: 'integer', b: 'string' }, [[1, 'x'], [null, 'y']])`. */
export function table(schema: Record<string, ColumnType>, rows: CellValue[][]): DataTable {
  const names = Object.keys(schema);
  return makeDataTable(
    names.map((name) => ({ name, type: schema[name] })),
    names.map((_, i) => rows.map((r) => r[i])),
  );
}

/** Runs one step; throws with the errors when the run is not ok (use `runStep` to inspect failures). */
export function apply(dt: DataTable, op: string, params: Record<string, unknown> = {}, ctx: RunContext = {}): RunResult {
  const result = runStep(dt, op, params, ctx);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result;
}

export function runStep(dt: DataTable, op: string, params: Record<string, unknown> = {}, ctx: RunContext = {}): RunResult {
  return runPlan(dt, [{ op, params }], ctx);
}

export const values = (dt: DataTable, name: string) => [...columnValues(dt, name)];
export const rows = (dt: DataTable) => {
  const cols = dt.schema.map((c) => columnValues(dt, c.name));
  return Array.from({ length: dt.table.numRows() }, (_, i) => cols.map((c) => c[i]));
};
export const csv = (dt: DataTable) => new TextDecoder().decode(writeCsv(dt));

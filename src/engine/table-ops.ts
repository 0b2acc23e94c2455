import { columnValues, makeDataTable, type CellValue, type ColumnSchema, type ColumnType, type DataTable } from './table.js';

/** Shared table surgery for primitives: new tables, never mutated inputs. */

/** The rows at these indices, in this order (indices may repeat). */
export function takeRows(dt: DataTable, indices: ArrayLike<number>): DataTable {
  const columns = dt.schema.map((c) => {
    const source = columnValues(dt, c.name);
    const out = new Array<CellValue>(indices.length);
    for (let i = 0; i < indices.length; i++) out[i] = source[indices[i]];
    return out;
  });
  return makeDataTable(dt.schema, columns);
}

export function allColumns(dt: DataTable): CellValue[][] {
  return dt.schema.map((c) => columnValues(dt, c.name) as CellValue[]);
}

/** Replaces (in place: same position) or appends columns; `values` must have one entry per row. */
export function setColumns(dt: DataTable, updates: { name: string; type: ColumnType; values: CellValue[] }[]): DataTable {
  const schema: ColumnSchema[] = dt.schema.map((c) => ({ ...c }));
  const columns = allColumns(dt);
  for (const update of updates) {
    const at = schema.findIndex((c) => c.name === update.name);
    if (at >= 0) {
      schema[at] = { name: update.name, type: update.type };
      columns[at] = update.values;
    } else {
      schema.push({ name: update.name, type: update.type });
      columns.push(update.values);
    }
  }
  return makeDataTable(schema, columns);
}

/** Keeps these columns, in this order. */
export function selectColumns(dt: DataTable, names: readonly string[]): DataTable {
  const schema = names.map((n) => dt.schema.find((c) => c.name === n)!);
  return makeDataTable(schema, names.map((n) => columnValues(dt, n) as CellValue[]));
}

export function typeOf(dt: DataTable, name: string): ColumnType | undefined {
  return dt.schema.find((c) => c.name === name)?.type;
}

/**
 * The bridge between the Arquero tables a rendered module holds in `dt` and the engine's typed DataTable
 * (PRIMITIVES.md §2.1). A table the engine made keeps its exact schema; a table made by Arquero verbs in the module
 * (`dt.filter`, `dt.derive`, …) reuses the column objects of the table it came from, so a column's type is looked up
 * by its column object, and only columns Arquero computed anew are typed from their values.
 */
import type { ColumnTable } from 'arquero';
import { makeDataTable, type CellValue, type ColumnSchema, type ColumnType, type DataTable } from '../table.js';
import { castColumn, typeOfValues } from '../values/widen.js';

const tableSchemas = new WeakMap<ColumnTable, ColumnSchema[]>();
const columnTypes = new WeakMap<object, ColumnType>();

/** Remembers the engine's schema for a table it produced and returns the Arquero table for the module. */
export function fromDataTable(dt: DataTable): ColumnTable {
  tableSchemas.set(dt.table, dt.schema);
  for (const c of dt.schema) {
    const column = dt.table.column(c.name);
    if (column && typeof column === 'object') columnTypes.set(column, c.type);
  }
  return dt.table;
}

/** A cell of a column Arquero computed, as the engine stores it: never `undefined`, `NaN`, ±Infinity or `''`. */
function engineCell(v: unknown): CellValue {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** A computed column typed from its values (§2.4 unification); an all-null column is `string`, as the reader makes it. */
function typedValues(raw: readonly unknown[]): { type: ColumnType; values: CellValue[] } {
  const cells = raw.map(engineCell);
  const type = typeOfValues(cells) ?? 'string';
  if (type !== 'string') return { type, values: cells };
  // Mixed kinds unify to string: each cell in its own text form.
  return { type, values: cells.map((v) => (typeof v === 'string' || v === null ? v : castColumn([v], typeOfValues([v]), 'string')[0])) };
}

/** The module's table as a DataTable: the engine's own schema when known, else columns typed as described above. */
export function toDataTable(table: ColumnTable): DataTable {
  const known = tableSchemas.get(table);
  if (known) return { schema: known, table };
  const schema: ColumnSchema[] = [];
  const columns: CellValue[][] = [];
  for (const name of table.columnNames()) {
    const column = table.column(name);
    const type = column && typeof column === 'object' ? columnTypes.get(column) : undefined;
    const raw = table.array(name) as unknown[];
    if (type) {
      schema.push({ name, type });
      columns.push(raw as CellValue[]);
    } else {
      const typed = typedValues(raw);
      schema.push({ name, type: typed.type });
      columns.push(typed.values);
    }
  }
  return makeDataTable(schema, columns);
}

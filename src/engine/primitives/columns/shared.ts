/** Helpers shared by the column primitives (PRIMITIVES.md §4.2). */
import type { Problem, Schema } from '../../plan/types.js';
import { ident, sqlText } from '../../plan/render-helpers.js';
import { datetimeText, floatText, integerText, makeDataTable, type CellValue, type ColumnType, type DataTable } from '../../table.js';
import { allColumns } from '../../table-ops.js';
import { suggestName } from '../../values/suggest.js';


export { columnExists, columnTexts, listedColumns, oneColumn } from '../quality/shared.js';

export interface NewColumn {
  name: string;
  type: ColumnType;
  values: CellValue[];
}

/** The table as an editable list of typed columns, in order. */
export function columnsOf(dt: DataTable): NewColumn[] {
  const values = allColumns(dt);
  return dt.schema.map((c, i) => ({ name: c.name, type: c.type, values: values[i] }));
}

export function tableOf(columns: readonly NewColumn[]): DataTable {
  return makeDataTable(
    columns.map((c) => ({ name: c.name, type: c.type })),
    columns.map((c) => c.values),
  );
}

/** COLUMN_NOT_FOUND in the framework's wording, for primitives that check existence themselves. */
export function columnNotFound(param: string, name: string, schema: Schema): Problem {
  const names = schema.map((c) => c.name);
  const suggestion = suggestName(name, names);
  return {
    code: 'COLUMN_NOT_FOUND',
    param,
    missingColumn: name,
    message: `column "${name}" does not exist. Existing columns: ${names.map((n) => `"${n}"`).join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
  };
}

/**
 * The SQL text form of a column, or null when PostgreSQL would print it differently from text() (§1.6): floats
 * (exponent rules differ) and datetimes (the date-only form is decided per column) have no faithful rendering.
 */
export function sqlTextExpr(name: string, type: ColumnType): string | null {
  if (type === 'string') return ident(name);
  if (type === 'integer' || type === 'boolean') return `${ident(name)}::text`;
  return null;
}

export const sqlTypeName: Record<ColumnType, string> = {
  integer: 'bigint',
  float: 'double precision',
  boolean: 'boolean',
  datetime: 'timestamp',
  string: 'text',
};

/** A typed SQL literal for a value of the given column type. */
export function sqlLiteral(value: CellValue, type: ColumnType): string {
  if (value === null) return `NULL::${sqlTypeName[type]}`;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return type === 'float' ? `${floatText(value)}::double precision` : integerText(value);
  if (value instanceof Date) return `TIMESTAMP ${sqlText(datetimeText(value, { hasTime: true, hasMs: true }))}`;
  return sqlText(value);
}

/** `SELECT <items>, "_row" FROM {input} ORDER BY "_row"` — a step that keeps rows and their order. */
export const sqlSelect = (items: readonly string[]): string => `SELECT ${[...items, '"_row"'].join(', ')} FROM {input} ORDER BY "_row"`;

/** Every column of the schema as an SQL select item. */
export const sqlColumns = (schema: Schema): string[] => schema.map((c) => ident(c.name));

/** Replaces the item of the same name (keeping its position) or appends it — rule D's "in place". */
export function replaceOrAppend<T extends { name: string }>(list: readonly T[], item: T): T[] {
  return list.some((c) => c.name === item.name) ? list.map((c) => (c.name === item.name ? item : c)) : [...list, item];
}

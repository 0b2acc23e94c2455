import { z } from 'zod';
import { columnList, newColumn, params } from '../../plan/param-types.js';
import { ident, mdCall, sqlText } from '../../plan/render-helpers.js';
import type { Primitive, Schema } from '../../plan/types.js';
import { columnsOf, columnExists, columnTexts, listedColumns, replaceOrAppend, sqlSelect, sqlTextExpr, tableOf, type NewColumn } from './shared.js';

const mergeParams = params({
  columns: columnList,
  new_column: newColumn,
  separator: z.string().default(' '),
  keep_original: z.boolean().default(false),
});
type MergeParams = z.infer<typeof mergeParams>;

/**
 * Where the merged column goes: without the sources, at the first listed column's place; with them, in place when
 * `new_column` is a source, else appended.
 */
function place<T extends { name: string }>(list: readonly T[], p: MergeParams, merged: T): T[] {
  if (!p.keep_original) {
    return list.flatMap((c) => (c.name === p.columns[0] ? [merged] : p.columns.includes(c.name) ? [] : [c]));
  }
  return replaceOrAppend(list, merged);
}

/** Per row, text() of the non-null values joined with the separator; all null → null. */
export function joinTexts(texts: (string | null)[][], rows: number, separator: string, skipNull: boolean): (string | null)[] {
  const out: (string | null)[] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const parts = texts.map((t) => t[r]);
    const text = parts.every((t) => t === null) ? null : (skipNull ? parts.filter((t) => t !== null) : parts.map((t) => t ?? '')).join(separator);
    out[r] = text === '' ? null : text;
  }
  return out;
}

/** `merge_columns` (§4.2): joins the listed columns' texts into one string column. */
export const mergeColumns: Primitive<MergeParams> = {
  name: 'merge_columns',
  title: 'Merge columns',
  category: 'columns',
  description: 'Joins the non-blank values of several columns into one text column with a separator (default a space); by default the source columns are replaced by the merged one.',
  params: mergeParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => listedColumns(p.columns),
  check: (p, { schema }) => (p.columns.includes(p.new_column) ? [] : columnExists('new_column', p.new_column, schema)),
  outputSchema: (p, { schema }) => place(schema, p, { name: p.new_column, type: 'string' }),
  run(dt, p) {
    const texts = p.columns.map((c) => columnTexts(dt, c));
    const merged: NewColumn = { name: p.new_column, type: 'string', values: joinTexts(texts, dt.table.numRows(), p.separator, true) };
    return { table: tableOf(place(columnsOf(dt), p, merged)), metadata: { columns_merged: p.columns.length } };
  },
  render(p, schema) {
    return { js: mdCall('merge_columns', p), sql: sqlJoin(p.columns, p.new_column, p.separator, true, schema, (items) => place(schema.map((c) => ({ name: c.name, sql: ident(c.name) })), p, items).map((c) => c.sql)) };
  },
  summary: (p) => `merge ${p.columns.join(', ')} into ${p.new_column} separated by ${JSON.stringify(p.separator)}`,
  examples: [
    { prompt: 'combine first_name and last_name into full_name', params: { columns: ['first_name', 'last_name'], new_column: 'full_name' } },
    { prompt: 'merge street, city and zip into one address column separated by commas, keeping the originals', params: { columns: ['street', 'city', 'zip'], new_column: 'address', separator: ', ', keep_original: true } },
  ],
};

/**
 * SQL for joined texts (merge_columns, concat_columns); null when a column's text form has no faithful SQL.
 * `layout` receives the new select item and returns the full select list.
 */
export function sqlJoin(
  columns: readonly string[],
  newName: string,
  separator: string,
  skipNull: boolean,
  schema: Schema,
  layout: (item: { name: string; sql: string }) => string[],
): string | null {
  const exprs = columns.map((c) => sqlTextExpr(c, schema.find((s) => s.name === c)!.type));
  if (exprs.some((e) => e === null)) return null;
  const joined = skipNull
    ? `NULLIF(CONCAT_WS(${sqlText(separator)}, ${exprs.join(', ')}), '')`
    : `CASE WHEN ${columns.map((c) => `${ident(c)} IS NULL`).join(' AND ')} THEN NULL ELSE NULLIF(CONCAT_WS(${sqlText(separator)}, ${exprs.map((e) => `COALESCE(${e}, '')`).join(', ')}), '') END`;
  return sqlSelect(layout({ name: newName, sql: `${joined} AS ${ident(newName)}` }));
}

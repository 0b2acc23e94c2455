import { z } from 'zod';
import { columnList, newColumn, params } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { joinTexts, sqlJoin } from './merge-columns.js';
import { setColumns } from '../../table-ops.js';
import { columnExists, columnTexts, listedColumns, replaceOrAppend } from './shared.js';

const concatParams = params({
  columns: columnList,
  new_column: newColumn,
  separator: z.string().default(''),
  skip_null: z.boolean().default(true),
});
type ConcatParams = z.infer<typeof concatParams>;

/** `concat_columns` (§4.2): joins texts into a string column, nulls skipped or kept as empty places. */
export const concatColumns: Primitive<ConcatParams> = {
  name: 'concat_columns',
  title: 'Concatenate columns',
  category: 'columns',
  description: 'Joins the text of several columns into a new text column with a separator (default none); blanks are skipped, or with skip_null false kept as empty places.',
  params: concatParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => listedColumns(p.columns),
  check: (p, { schema }) => (p.columns.includes(p.new_column) ? [] : columnExists('new_column', p.new_column, schema)),
  outputSchema: (p, { schema }) => replaceOrAppend(schema, { name: p.new_column, type: 'string' }),
  run(dt, p) {
    const values = joinTexts(p.columns.map((c) => columnTexts(dt, c)), dt.table.numRows(), p.separator, p.skip_null);
    return {
      table: setColumns(dt, [{ name: p.new_column, type: 'string', values }]),
      metadata: { columns_concatenated: [...p.columns], separator: p.separator },
    };
  },
  render(p, schema) {
    const items = schema.map((c) => ({ name: c.name, sql: ident(c.name) }));
    return { js: mdCall('concat_columns', p), sql: sqlJoin(p.columns, p.new_column, p.separator, p.skip_null, schema, (item) => replaceOrAppend(items, item).map((c) => c.sql)) };
  },
  summary: (p) => `concatenate ${p.columns.join(', ')} into ${p.new_column}${p.separator ? ` with ${JSON.stringify(p.separator)}` : ''}`,
  examples: [
    { prompt: 'create a code column by joining country and id with a dash', params: { columns: ['country', 'id'], new_column: 'code', separator: '-' } },
    { prompt: 'concatenate area_code and number into phone', params: { columns: ['area_code', 'number'], new_column: 'phone' } },
  ],
};


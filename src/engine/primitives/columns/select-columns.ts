import type { z } from 'zod';
import { columnList, params } from '../../plan/param-types.js';
import { js } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { selectColumns as keepColumns } from '../../table-ops.js';
import { listedColumns, sqlSelect, sqlColumns } from './shared.js';

const selectParams = params({ columns: columnList });
type SelectParams = z.infer<typeof selectParams>;

const pick = <T extends { name: string }>(schema: readonly T[], names: readonly string[]): T[] => names.map((n) => schema.find((c) => c.name === n)!);

/** `select_columns` (§4.2): keeps exactly the listed columns, in the listed order. */
export const selectColumns: Primitive<SelectParams> = {
  name: 'select_columns',
  title: 'Select columns',
  category: 'columns',
  description: 'Keeps only the listed columns, in the listed order; every other column is dropped.',
  params: selectParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => listedColumns(p.columns),
  outputSchema: (p, { schema }) => pick(schema, p.columns),
  run(dt, p) {
    return { table: keepColumns(dt, p.columns), metadata: { columns_removed: dt.schema.length - p.columns.length } };
  },
  render(p, schema) {
    return { js: `dt = dt.select(${p.columns.map(js).join(', ')});`, sql: sqlSelect(sqlColumns(pick(schema, p.columns))) };
  },
  summary: (p) => `keep only ${p.columns.join(', ')}`,
  examples: [
    { prompt: 'keep only the name, email and phone columns', params: { columns: ['name', 'email', 'phone'] } },
    { prompt: 'I only need order id and total, in that order', params: { columns: ['order_id', 'total'] } },
  ],
};

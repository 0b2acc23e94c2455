import { z } from 'zod';
import { columnList, params } from '../../plan/param-types.js';
import { js } from '../../plan/render-helpers.js';
import type { Primitive, Schema } from '../../plan/types.js';
import { selectColumns } from '../../table-ops.js';
import { listedColumns, sqlColumns, sqlSelect } from './shared.js';

const reorderParams = params({ order: columnList, strict: z.boolean().default(false) });
type ReorderParams = z.infer<typeof reorderParams>;

function reordered<T extends { name: string }>(schema: readonly T[], p: ReorderParams): T[] {
  const listed = p.order.map((n) => schema.find((c) => c.name === n)!);
  return p.strict ? listed : [...listed, ...schema.filter((c) => !p.order.includes(c.name))];
}

/** `reorder_columns` (§4.2): the listed columns first, then the rest in their order (or only the listed ones). */
export const reorderColumns: Primitive<ReorderParams> = {
  name: 'reorder_columns',
  title: 'Reorder columns',
  category: 'columns',
  description: 'Moves the listed columns to the front in the given order, the others follow in their current order; with strict only the listed columns remain.',
  params: reorderParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => listedColumns(p.order, 'order'),
  outputSchema: (p, { schema }) => reordered(schema, p),
  run(dt, p) {
    return { table: selectColumns(dt, reordered(dt.schema, p).map((c) => c.name)) };
  },
  render(p, schema: Schema) {
    const out = reordered(schema, p);
    return { js: `dt = dt.select(${out.map((c) => js(c.name)).join(', ')});`, sql: sqlSelect(sqlColumns(out)) };
  },
  summary: (p) => `put ${p.order.join(', ')} first${p.strict ? ' and drop the other columns' : ''}`,
  examples: [
    { prompt: 'move id and name to the front', params: { order: ['id', 'name'] } },
    { prompt: 'arrange the columns as date, product, amount and drop everything else', params: { order: ['date', 'product', 'amount'], strict: true } },
  ],
};

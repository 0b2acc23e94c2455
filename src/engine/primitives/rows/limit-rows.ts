import { z } from 'zod';
import { params } from '../../plan/param-types.js';
import type { Primitive } from '../../plan/types.js';
import { rowCount } from '../../table.js';
import { firstRowsJs, firstRowsSql, lastRowsJs, lastRowsSql } from './slices.js';
import { rowRange } from './shared.js';

const limitParams = params({
  count: z.number().int().min(0),
  from_end: z.boolean().default(false),
});

type LimitParams = z.infer<typeof limitParams>;

/** `limit_rows` (§4.1): the first (or last) `count` rows, in their current order. */
export const limitRows: Primitive<LimitParams> = {
  name: 'limit_rows',
  title: 'Limit rows',
  category: 'rows',
  description: 'Keeps the first count rows, or the last count rows with from_end (in their current order).',
  params: limitParams,
  rowsMayChange: true,
  colsMayChange: false,
  columns: () => [],
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const n = rowCount(dt);
    return { table: p.from_end ? rowRange(dt, n - p.count, n) : rowRange(dt, 0, p.count) };
  },
  render: (p, schema) =>
    p.from_end ? { js: lastRowsJs(p.count), sql: lastRowsSql(schema, p.count) } : { js: firstRowsJs(p.count), sql: firstRowsSql(schema, p.count) },
  summary: (p) => `keep the ${p.from_end ? 'last' : 'first'} ${p.count} rows`,
  examples: [
    { prompt: 'keep only the first 100 rows', params: { count: 100 } },
    { prompt: 'keep just the last 5 rows', params: { count: 5, from_end: true } },
  ],
};

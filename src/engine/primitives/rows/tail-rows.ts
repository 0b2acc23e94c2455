import { z } from 'zod';
import { params } from '../../plan/param-types.js';
import type { Primitive } from '../../plan/types.js';
import { rowCount } from '../../table.js';
import { lastRowsJs, lastRowsSql } from './slices.js';
import { rowRange } from './shared.js';

const tailParams = params({ n: z.number().int().min(0).default(10) });
type TailParams = z.infer<typeof tailParams>;

/** `tail_rows` (§4.1): the last `n` rows, in their current order. */
export const tailRows: Primitive<TailParams> = {
  name: 'tail_rows',
  title: 'Last rows',
  category: 'rows',
  description: 'Keeps the last n rows (default 10), in their current order.',
  params: tailParams,
  rowsMayChange: true,
  colsMayChange: false,
  columns: () => [],
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const n = rowCount(dt);
    const table = rowRange(dt, n - p.n, n);
    return { table, metadata: { rows_returned: rowCount(table) } };
  },
  render: (p, schema) => ({ js: lastRowsJs(p.n), sql: lastRowsSql(schema, p.n) }),
  summary: (p) => `keep the last ${p.n} rows`,
  examples: [
    { prompt: 'keep only the last 10 rows', params: { n: 10 } },
    { prompt: 'show the final 3 entries', params: { n: 3 } },
  ],
};

import { z } from 'zod';
import { params } from '../../plan/param-types.js';
import type { Primitive } from '../../plan/types.js';
import { rowCount } from '../../table.js';
import { firstRowsJs, firstRowsSql } from './slices.js';
import { rowRange } from './shared.js';

const headParams = params({ n: z.number().int().min(0).default(10) });
type HeadParams = z.infer<typeof headParams>;

/** `head_rows` (§4.1): the first `n` rows. */
export const headRows: Primitive<HeadParams> = {
  name: 'head_rows',
  title: 'First rows',
  category: 'rows',
  description: 'Keeps the first n rows (default 10).',
  params: headParams,
  rowsMayChange: true,
  colsMayChange: false,
  columns: () => [],
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const table = rowRange(dt, 0, p.n);
    return { table, metadata: { rows_returned: rowCount(table) } };
  },
  render: (p, schema) => ({ js: firstRowsJs(p.n), sql: firstRowsSql(schema, p.n) }),
  summary: (p) => `keep the first ${p.n} rows`,
  examples: [
    { prompt: 'show me the top 10 rows', params: { n: 10 } },
    { prompt: 'just keep the first 50 records', params: { n: 50 } },
  ],
};

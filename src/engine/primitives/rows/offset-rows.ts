import { z } from 'zod';
import { params } from '../../plan/param-types.js';
import type { Primitive } from '../../plan/types.js';
import { rowCount } from '../../table.js';
import { skipRowsJs, skipRowsSql } from './slices.js';
import { rowRange } from './shared.js';

const offsetParams = params({ offset: z.number().int().min(0) });
type OffsetParams = z.infer<typeof offsetParams>;

/** `offset_rows` (§4.1): drops the first `offset` rows. */
export const offsetRows: Primitive<OffsetParams> = {
  name: 'offset_rows',
  title: 'Skip rows',
  category: 'rows',
  description: 'Drops the first offset rows (all of them when offset is at least the row count).',
  params: offsetParams,
  rowsMayChange: true,
  colsMayChange: false,
  columns: () => [],
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const n = rowCount(dt);
    return { table: rowRange(dt, p.offset, n), metadata: { rows_skipped: Math.min(p.offset, n) } };
  },
  render: (p, schema) => ({ js: skipRowsJs(p.offset), sql: skipRowsSql(schema, p.offset) }),
  summary: (p) => `skip the first ${p.offset} rows`,
  examples: [
    { prompt: 'skip the first 2 rows, they are notes', params: { offset: 2 } },
    { prompt: 'drop the first 100 rows', params: { offset: 100 } },
  ],
};

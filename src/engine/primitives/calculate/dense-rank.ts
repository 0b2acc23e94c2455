import { z } from 'zod';
import { column, columnOrList, newColumn, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { columnValues } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { newColumnProblem, sqlWithColumn } from './numeric.js';
import { sqlRank } from './rank.js';
import { partitionRows, rankValues } from './window.js';

const denseRankParams = params({
  column,
  new_column: newColumn.nullable().default(null),
  ascending: z.boolean().default(true),
  partition_by: columnOrList.nullable().default(null),
});

type DenseRankParams = z.infer<typeof denseRankParams>;

const target = (p: DenseRankParams) => p.new_column ?? `${p.column}_dense_rank`;

/** `dense_rank` (§4.5): `rank` with method dense per partition; nulls → null. */
export const denseRank: Primitive<DenseRankParams> = {
  name: 'dense_rank',
  title: 'Dense rank',
  category: 'calculate',
  description: 'Adds a dense rank (1, 2, 2, 3) of a column, optionally within partitions.',
  params: denseRankParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [{ param: 'column', column: p.column }, ...(p.partition_by ?? []).map((c, i) => ({ param: `partition_by[${i}]`, column: c }))],
  check: (p, { schema }) => newColumnProblem(schema, 'new_column', target(p)),
  outputSchema: (p, { schema }) => [...schema, { name: target(p), type: 'integer' }],
  run(dt, p) {
    const ranks = rankValues(columnValues(dt, p.column), partitionRows(dt, p.partition_by), p.ascending, 'dense');
    const unique = new Set(ranks.filter((r) => r !== null)).size;
    return {
      table: setColumns(dt, [{ name: target(p), type: 'integer', values: ranks }]),
      metadata: { unique_ranks: unique, partitioned: p.partition_by !== null },
    };
  },
  render: (p, schema) => ({ js: mdCall('dense_rank', p), sql: sqlWithColumn(schema, target(p), sqlRank(schema, p.column, p.partition_by, p.ascending, 'dense')) }),
  summary: (p) => `${target(p)} = dense rank of ${p.column}${p.partition_by ? ` per ${p.partition_by.join(', ')}` : ''}`,
  examples: [
    { prompt: 'dense rank the scores from highest to lowest', params: { column: 'score', ascending: false } },
    { prompt: 'dense rank order value within each customer', params: { column: 'order_value', partition_by: 'customer_id', new_column: 'order_rank' } },
  ],
};

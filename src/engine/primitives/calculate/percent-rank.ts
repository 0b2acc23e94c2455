import { z } from 'zod';
import { column, columnOrList, newColumn, params } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { columnValues } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { normalizeFloat } from '../../values/numbers.js';
import { newColumnProblem, sqlNormalize, sqlWithColumn } from './numeric.js';
import { partitionRows, rankValues, sqlPartition, sqlSortKey } from './window.js';

const percentRankParams = params({
  column,
  new_column: newColumn.nullable().default(null),
  ascending: z.boolean().default(true),
  partition_by: columnOrList.nullable().default(null),
});

type PercentRankParams = z.infer<typeof percentRankParams>;

const target = (p: PercentRankParams) => p.new_column ?? `${p.column}_pct_rank`;

/** `percent_rank` (§4.5): SQL PERCENT_RANK over the non-null values, (r − 1) / (m − 1) with r the min rank. */
export const percentRank: Primitive<PercentRankParams> = {
  name: 'percent_rank',
  title: 'Percent rank',
  category: 'calculate',
  description: 'Adds the percent rank (0 for the lowest value, 1 for the highest) of a column, optionally within partitions.',
  params: percentRankParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [{ param: 'column', column: p.column }, ...(p.partition_by ?? []).map((c, i) => ({ param: `partition_by[${i}]`, column: c }))],
  check: (p, { schema }) => newColumnProblem(schema, 'new_column', target(p)),
  outputSchema: (p, { schema }) => [...schema, { name: target(p), type: 'float' }],
  run(dt, p) {
    const values = columnValues(dt, p.column);
    const partitions = partitionRows(dt, p.partition_by);
    const ranks = rankValues(values, partitions, p.ascending, 'min');
    const out = new Array<number | null>(values.length).fill(null);
    for (const rows of partitions) {
      const m = rows.filter((i) => values[i] !== null).length;
      for (const i of rows) {
        const r = ranks[i];
        if (r !== null) out[i] = m === 1 ? 0 : normalizeFloat((r - 1) / (m - 1));
      }
    }
    let min: number | null = null;
    let max: number | null = null;
    for (const v of out) {
      if (v === null) continue;
      if (min === null || v < min) min = v;
      if (max === null || v > max) max = v;
    }
    return { table: setColumns(dt, [{ name: target(p), type: 'float', values: out }]), metadata: { min_percentile: min, max_percentile: max } };
  },
  render(p, schema) {
    const x = ident(p.column);
    const over = `OVER (${sqlPartition(p.partition_by, [`(${x} IS NULL)`])}ORDER BY ${sqlSortKey(schema, p.column)}${p.ascending ? '' : ' DESC'})`;
    const expr = `(CASE WHEN ${x} IS NULL THEN NULL ELSE ${sqlNormalize(`PERCENT_RANK() ${over}`)} END)`;
    return { js: mdCall('percent_rank', p), sql: sqlWithColumn(schema, target(p), expr) };
  },
  summary: (p) => `${target(p)} = percent rank of ${p.column}${p.partition_by ? ` per ${p.partition_by.join(', ')}` : ''}`,
  examples: [
    { prompt: 'show each student’s percentile for their test score', params: { column: 'score', new_column: 'score_percentile' } },
    { prompt: 'percent rank of sales within each region', params: { column: 'sales', partition_by: 'region' } },
  ],
};

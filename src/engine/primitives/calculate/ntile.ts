import { z } from 'zod';
import { column, columnOrList, newColumn, params } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { columnValues } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { newColumnProblem, sqlWithColumn } from './numeric.js';
import { orderRows, partitionRows, sqlPartition, sqlSortKey } from './window.js';

const ntileParams = params({
  n: z.number().int().min(1),
  order_by: column,
  new_column: newColumn.nullable().default(null),
  ascending: z.boolean().default(true),
  partition_by: columnOrList.nullable().default(null),
});

type NtileParams = z.infer<typeof ntileParams>;

const target = (p: NtileParams) => p.new_column ?? `ntile_${p.n}`;

/** `ntile` (§4.5): SQL NTILE over the rows with a non-null order_by; the first m mod n buckets get one more row. */
export const ntile: Primitive<NtileParams> = {
  name: 'ntile',
  title: 'N-tile buckets',
  category: 'calculate',
  description: 'Splits rows into n nearly equal buckets (quartiles, deciles…) by a column, optionally within partitions.',
  params: ntileParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [{ param: 'order_by', column: p.order_by }, ...(p.partition_by ?? []).map((c, i) => ({ param: `partition_by[${i}]`, column: c }))],
  check: (p, { schema }) => newColumnProblem(schema, 'new_column', target(p)),
  outputSchema: (p, { schema }) => [...schema, { name: target(p), type: 'integer' }],
  run(dt, p) {
    const values = columnValues(dt, p.order_by);
    const out = new Array<number | null>(values.length).fill(null);
    const counts = new Array<number>(p.n).fill(0);
    for (const rows of partitionRows(dt, p.partition_by)) {
      const sorted = orderRows(rows.filter((i) => values[i] !== null), values, p.ascending);
      const m = sorted.length;
      const size = Math.floor(m / p.n);
      const larger = m % p.n; // the first `larger` buckets hold size + 1 rows
      let bucket = 1;
      let left = size + (larger > 0 ? 1 : 0);
      for (const i of sorted) {
        if (left === 0) { bucket++; left = size + (bucket <= larger ? 1 : 0); }
        out[i] = bucket;
        counts[bucket - 1]++;
        left--;
      }
    }
    const bucketCounts: Record<string, number> = {};
    counts.forEach((c, k) => (bucketCounts[String(k + 1)] = c));
    return { table: setColumns(dt, [{ name: target(p), type: 'integer', values: out }]), metadata: { buckets: p.n, bucket_counts: bucketCounts } };
  },
  render(p, schema) {
    const o = ident(p.order_by);
    const over = `OVER (${sqlPartition(p.partition_by, [`(${o} IS NULL)`])}ORDER BY ${sqlSortKey(schema, p.order_by)}${p.ascending ? '' : ' DESC'}, "_row")`;
    return { js: mdCall('ntile', p), sql: sqlWithColumn(schema, target(p), `(CASE WHEN ${o} IS NULL THEN NULL ELSE NTILE(${p.n}) ${over} END)`) };
  },
  summary: (p) => `${target(p)} = ${p.n} buckets by ${p.order_by}${p.partition_by ? ` per ${p.partition_by.join(', ')}` : ''}`,
  examples: [
    { prompt: 'split customers into quartiles by lifetime value', params: { n: 4, order_by: 'lifetime_value', new_column: 'value_quartile' } },
    { prompt: 'assign deciles of income, highest income in decile 1', params: { n: 10, order_by: 'income', ascending: false } },
  ],
};

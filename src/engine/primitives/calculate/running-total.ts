import { z } from 'zod';
import { column, columnOrList, newColumn, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { computedColumn, newColumnProblem, numericColumn, numericProblem, sqlNormalize, sqlNum, sqlWithColumn, typeIn, warnings } from './numeric.js';
import { partitionRows, sqlPartition } from './window.js';

const runningParams = params({
  column,
  new_column: newColumn,
  group_by: columnOrList.nullable().default(null),
});

type RunningParams = z.infer<typeof runningParams>;

/** `running_total` (§4.5): SUM(x) OVER (PARTITION BY … ROWS UNBOUNDED PRECEDING) in current row order. */
export const runningTotal: Primitive<RunningParams> = {
  name: 'running_total',
  title: 'Running total',
  category: 'calculate',
  description: 'Adds a cumulative sum of a numeric column in current row order, optionally restarting for each group.',
  params: runningParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [{ param: 'column', column: p.column }, ...(p.group_by ?? []).map((c, i) => ({ param: `group_by[${i}]`, column: c }))],
  check: (p, { schema }) => [...numericProblem(schema, 'column', p.column), ...newColumnProblem(schema, 'new_column', p.new_column)],
  outputSchema: (p, { schema }) => [...schema, { name: p.new_column, type: typeIn(schema, p.column) === 'integer' ? 'integer' : 'float' }],
  run(dt, p) {
    const { values, warning } = numericColumn(dt, p.column);
    const integer = typeIn(dt.schema, p.column) === 'integer';
    const out = new Array<number | null>(values.length).fill(null);
    for (const rows of partitionRows(dt, p.group_by)) {
      let sum: number | null = null; // null until the group has a value
      for (const i of rows) {
        const v = values[i];
        if (v !== null) sum = (sum ?? 0) + v;
        out[i] = sum;
      }
    }
    const type = computedColumn(out, integer);
    return { table: setColumns(dt, [{ name: p.new_column, type, values: out }]), warnings: warnings(warning) };
  },
  render(p, schema) {
    const integer = typeIn(schema, p.column) === 'integer';
    const sum = `SUM(${sqlNum(schema, p.column)}${integer ? '' : '::float8'}) OVER (${sqlPartition(p.group_by)}ORDER BY "_row" ROWS UNBOUNDED PRECEDING)`;
    return { js: mdCall('running_total', p), sql: sqlWithColumn(schema, p.new_column, integer ? sum : sqlNormalize(sum)) };
  },
  summary: (p) => `${p.new_column} = running total of ${p.column}${p.group_by ? ` per ${p.group_by.join(', ')}` : ''}`,
  examples: [
    { prompt: 'add a cumulative revenue column', params: { column: 'revenue', new_column: 'cumulative_revenue' } },
    { prompt: 'running balance of amount for each account', params: { column: 'amount', new_column: 'balance', group_by: 'account_id' } },
  ],
};

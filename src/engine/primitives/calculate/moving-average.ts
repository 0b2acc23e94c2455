import { z } from 'zod';
import { column, columnOrList, newColumn, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { normalizeFloat } from '../../values/numbers.js';
import { newColumnProblem, numericColumn, numericProblem, sqlNormalize, sqlNum, sqlWithColumn, warnings } from './numeric.js';
import { partitionRows, sqlPartition } from './window.js';

const movingParams = params({
  column,
  window: z.number().int().min(1),
  new_column: newColumn.nullable().default(null),
  min_periods: z.number().int().min(1).default(1),
  center: z.boolean().default(false),
  partition_by: columnOrList.nullable().default(null),
}).superRefine((p, ctx) => {
  if (p.min_periods > p.window) ctx.addIssue({ code: 'custom', path: ['min_periods'], message: `must be between 1 and window (${p.window})` });
});

type MovingParams = z.infer<typeof movingParams>;

const target = (p: MovingParams) => p.new_column ?? `${p.column}_ma_${p.window}`;

/** Rows before and after row i in the frame: trailing [i − w + 1, i] or centred [i − ⌊w/2⌋, i + ⌊(w − 1)/2⌋]. */
const frame = (p: MovingParams) => (p.center ? [Math.floor(p.window / 2), Math.floor((p.window - 1) / 2)] : [p.window - 1, 0]);

/** `moving_average` (§4.5): mean of the frame's non-null values, null below min_periods; in current row order. */
export const movingAverage: Primitive<MovingParams> = {
  name: 'moving_average',
  title: 'Moving average',
  category: 'calculate',
  description: 'Adds a rolling mean of a numeric column over a window of rows (trailing or centred), optionally within partitions.',
  params: movingParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [{ param: 'column', column: p.column }, ...(p.partition_by ?? []).map((c, i) => ({ param: `partition_by[${i}]`, column: c }))],
  check: (p, { schema }) => [...numericProblem(schema, 'column', p.column), ...newColumnProblem(schema, 'new_column', target(p))],
  outputSchema: (p, { schema }) => [...schema, { name: target(p), type: 'float' }],
  run(dt, p) {
    const { values, warning } = numericColumn(dt, p.column);
    const [before, after] = frame(p);
    const out = new Array<number | null>(values.length).fill(null);
    for (const rows of partitionRows(dt, p.partition_by)) {
      for (let k = 0; k < rows.length; k++) {
        let sum = 0;
        let count = 0;
        for (let j = Math.max(0, k - before); j <= Math.min(rows.length - 1, k + after); j++) {
          const v = values[rows[j]];
          if (v !== null) { sum += v; count++; }
        }
        out[rows[k]] = count >= p.min_periods ? normalizeFloat(sum / count) : null;
      }
    }
    return {
      table: setColumns(dt, [{ name: target(p), type: 'float', values: out }]),
      warnings: warnings(warning),
      metadata: { window: p.window, min_periods: p.min_periods },
    };
  },
  render(p, schema) {
    const [before, after] = frame(p);
    const x = sqlNum(schema, p.column);
    const over = `OVER (${sqlPartition(p.partition_by)}ORDER BY "_row" ROWS BETWEEN ${before} PRECEDING AND ${after === 0 ? 'CURRENT ROW' : `${after} FOLLOWING`})`;
    const expr = `(CASE WHEN COUNT(${x}) ${over} >= ${p.min_periods} THEN ${sqlNormalize(`AVG(${x}::float8) ${over}`)} END)`;
    return { js: mdCall('moving_average', p), sql: sqlWithColumn(schema, target(p), expr) };
  },
  summary: (p) => `${target(p)} = ${p.center ? 'centred ' : ''}${p.window}-row moving average of ${p.column}`,
  examples: [
    { prompt: '7 day moving average of daily sales', params: { column: 'daily_sales', window: 7 } },
    { prompt: '3-month rolling average of revenue per store, only when all 3 months are there', params: { column: 'revenue', window: 3, min_periods: 3, partition_by: 'store_id' } },
  ],
};
